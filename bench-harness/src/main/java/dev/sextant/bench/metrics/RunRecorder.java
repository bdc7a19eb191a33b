package dev.sextant.bench.metrics;

import dev.sextant.bench.workload.RequestPlan;
import dev.sextant.bench.workload.StageWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects what happens to the requests of one run, stage by stage, and summarises it. Every request that
 * arrives must end as exactly one of completed, failed or unfinished. Not thread-safe: the cluster
 * simulator calls it from its one thread, the load generator under a lock.
 */
public final class RunRecorder {
    private final List<StageWindow> windows;
    private final int replicas;
    private final long sloTtftNanos;
    private final long sloItlNanos;
    private final StageAccumulator[] stages;
    private final Map<String, Long> failures = new TreeMap<>();

    /**
     * @param stages the run's stages
     * @param replicas replicas requests are routed to, or 0 when the load generator cannot tell
     * @param slo what goodput is measured against
     */
    public RunRecorder(List<StageWindow> stages, int replicas, Slo slo) {
        this.windows = List.copyOf(stages);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("stages: empty (expected: at least one)");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: >= 0)");
        }
        this.replicas = replicas;
        Objects.requireNonNull(slo, "slo");
        this.sloTtftNanos = slo.ttft().toNanos();
        this.sloItlNanos = slo.itl().toNanos();
        this.stages = new StageAccumulator[windows.size()];
        for (int i = 0; i < this.stages.length; i++) {
            this.stages[i] = new StageAccumulator(replicas);
        }
    }

    /** A request arrived in {@code stage}. */
    public void arrived(int stage) {
        stages[stage].requests++;
    }

    /** A request of {@code stage} was routed to replica {@code replica}. */
    public void routed(int stage, int replica) {
        stages[stage].routed[replica]++;
    }

    /** One gap between two consecutive tokens of a request of {@code stage}. */
    public void interTokenGap(int stage, long nanos) {
        stages[stage].itl.record(nanos);
    }

    /**
     * A request of {@code stage} ended with its whole answer.
     *
     * @param itlSumNanos the sum of its gaps between consecutive tokens
     * @param itlGaps how many gaps there were (output tokens − 1)
     * @param idealCachedTokens prompt tokens an infinite shared cache would have held for it
     */
    public void completed(int stage, long arrivalNanos, long firstTokenNanos, long finishNanos, int promptTokens,
            int cachedTokens, int outputTokens, long itlSumNanos, int itlGaps, int idealCachedTokens) {
        StageAccumulator s = stages[stage];
        s.completed++;
        long ttft = firstTokenNanos - arrivalNanos;
        s.ttft.record(ttft);
        s.e2e.record(finishNanos - arrivalNanos);
        s.lastFinishNanos = Math.max(s.lastFinishNanos, finishNanos);
        s.promptTokens += promptTokens;
        s.cachedTokens += cachedTokens;
        s.idealCachedTokens += idealCachedTokens;
        s.outputTokens += outputTokens;
        boolean goodItl = itlGaps == 0 || itlSumNanos <= sloItlNanos * (long) itlGaps;
        if (ttft <= sloTtftNanos && goodItl) {
            s.good++;
        }
    }

    /** A request of {@code stage} failed for {@code reason} (a short label, e.g. {@code no_candidates}). */
    public void failed(int stage, String reason, long atNanos) {
        stages[stage].failed++;
        stages[stage].lastFinishNanos = Math.max(stages[stage].lastFinishNanos, atNanos);
        failures.merge(reason, 1L, Long::sum);
    }

    /** A request of {@code stage} was still running when the run was cut off. */
    public void unfinished(int stage) {
        stages[stage].unfinished++;
        failures.merge("unfinished", 1L, Long::sum);
    }

    /** A sample of the replicas' waiting queues at {@code nanos}. */
    public void queueSample(long nanos, int totalWaiting, int maxWaiting) {
        StageAccumulator s = stages[RequestPlan.stageAt(windows, nanos)];
        s.queueSamples++;
        s.queueSum += totalWaiting;
        s.queueMax = Math.max(s.queueMax, maxWaiting);
    }

    /** Requests that arrived so far. */
    public long arrivals() {
        long n = 0;
        for (StageAccumulator s : stages) {
            n += s.requests;
        }
        return n;
    }

    /** Requests that ended so far, however they ended. */
    public long ended() {
        long n = 0;
        for (StageAccumulator s : stages) {
            n += s.completed + s.failed + s.unfinished;
        }
        return n;
    }

    /**
     * The summary of the run.
     *
     * @param name the configuration's name
     * @param arrivalsEndNanos when arrivals stopped ({@link RequestPlan#arrivalsEndNanos}): stages are cut
     *     there, and stages that start after it are left out
     * @param cost what the run cost to compute
     */
    public RunResult result(String name, long arrivalsEndNanos, Map<String, Double> cost) {
        List<Summary> perStage = new ArrayList<>(stages.length);
        StageAccumulator total = new StageAccumulator(replicas);
        long start = windows.getFirst().startNanos();
        long offeredEnd = start;
        long lastEnd = 0;
        for (int i = 0; i < stages.length; i++) {
            StageWindow w = windows.get(i);
            StageAccumulator s = stages[i];
            if (w.startNanos() >= arrivalsEndNanos && s.requests == 0 && i > 0) {
                continue;
            }
            long stageEnd = Math.max(w.startNanos(), Math.min(w.endNanos(), arrivalsEndNanos));
            long end = Math.max(stageEnd, s.lastFinishNanos);
            perStage.add(s.summarize(Integer.toString(i + 1), w.offeredRate(), (end - w.startNanos()) / 1e9, replicas,
                    queueReplicas()));
            total.add(s);
            offeredEnd = Math.max(offeredEnd, stageEnd);
            lastEnd = Math.max(lastEnd, end);
        }
        double offered = total.requests / Math.max(1e-9, (offeredEnd - start) / 1e9);
        Summary overall = total.summarize("all", offered, (lastEnd - start) / 1e9, replicas, queueReplicas());
        List<Long> perReplica = new ArrayList<>(replicas);
        for (int r = 0; r < replicas; r++) {
            perReplica.add(total.routed[r]);
        }
        return new RunResult(name, overall, perStage, perReplica, failures, cost);
    }

    private int queueReplicas() {
        return Math.max(1, replicas);
    }

    /** The counts of one stage. */
    private static final class StageAccumulator {
        final LatencyRecorder ttft = new LatencyRecorder();
        final LatencyRecorder itl = new LatencyRecorder();
        final LatencyRecorder e2e = new LatencyRecorder();
        final long[] routed;
        long requests;
        long completed;
        long failed;
        long unfinished;
        long good;
        long promptTokens;
        long cachedTokens;
        long idealCachedTokens;
        long outputTokens;
        long lastFinishNanos;
        long queueSamples;
        long queueSum;
        int queueMax;

        StageAccumulator(int replicas) {
            routed = new long[replicas];
        }

        void add(StageAccumulator o) {
            ttft.addAll(o.ttft);
            itl.addAll(o.itl);
            e2e.addAll(o.e2e);
            for (int i = 0; i < routed.length; i++) {
                routed[i] += o.routed[i];
            }
            requests += o.requests;
            completed += o.completed;
            failed += o.failed;
            unfinished += o.unfinished;
            good += o.good;
            promptTokens += o.promptTokens;
            cachedTokens += o.cachedTokens;
            idealCachedTokens += o.idealCachedTokens;
            outputTokens += o.outputTokens;
            lastFinishNanos = Math.max(lastFinishNanos, o.lastFinishNanos);
            queueSamples += o.queueSamples;
            queueSum += o.queueSum;
            queueMax = Math.max(queueMax, o.queueMax);
        }

        Summary summarize(String label, double offeredRate, double windowSeconds, int replicas, int queueReplicas) {
            double window = Math.max(1e-9, windowSeconds);
            double mean = 0;
            double max = 0;
            double variance = 0;
            if (replicas > 0) {
                long sum = 0;
                for (long r : routed) {
                    sum += r;
                    max = Math.max(max, r);
                }
                mean = (double) sum / replicas;
                for (long r : routed) {
                    variance += (r - mean) * (r - mean);
                }
                variance /= replicas;
            }
            return new Summary(label, offeredRate, windowSeconds, requests, completed, failed, unfinished,
                    outputTokens / window, completed / window, ttft.summary(), itl.summary(), e2e.summary(),
                    ratio(cachedTokens, promptTokens), ratio(idealCachedTokens, promptTokens),
                    queueSamples == 0 ? 0 : (double) queueSum / queueSamples / queueReplicas, queueMax,
                    mean > 0 ? Math.sqrt(variance) / mean : 0, mean > 0 ? max / mean : 0,
                    good / window, requests == 0 ? 0 : (double) good / requests, promptTokens, cachedTokens,
                    outputTokens);
        }

        private static double ratio(long a, long b) {
            return b == 0 ? 0 : (double) a / b;
        }
    }
}
