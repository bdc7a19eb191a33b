package dev.sextant.bench.load;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.metrics.IdealPrefixCache;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunRecorder;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.workload.PlannedRequest;
import dev.sextant.bench.workload.PromptPart;
import dev.sextant.bench.workload.RequestPlan;
import dev.sextant.bench.workload.WorkloadPlanner;
import dev.sextant.simulator.tokenize.TextTokenizer;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load against any OpenAI-compatible server, in real time: requests are sent at their planned
 * arrival times whether or not earlier ones have answered (only a chat session's next turn waits for its
 * answer), streamed, and measured from the server-sent events as they arrive. Responses are read on the
 * HTTP client's event loops without a thread per request, so thousands of open streams cost little. The same
 * workloads, metrics and reports as the cluster simulator.
 *
 * <p>Bounded: arrivals stop with the plan; requests still open {@code maxDrain} after the last planned arrival
 * are cut off and count as unfinished. How late the generator sent requests against their plan is reported
 * ({@code send_lag_*} in the run's cost), so a generator that falls behind shows.
 */
public final class LoadGenerator {
    private final LoadOptions options;
    private final Clock clock;
    private final TextTokenizer tokenizer;

    /**
     * @param clock the system clock in production
     * @param tokenizer tokenises text that came back from the server (a session's answers) for the ideal hit
     *     rate; null to leave such text out of it
     */
    public LoadGenerator(LoadOptions options, Clock clock, TextTokenizer tokenizer) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokenizer = tokenizer;
    }

    /**
     * Runs the workload against the target.
     *
     * @param name the run's name in reports
     */
    public RunResult run(String name, WorkloadPlanner planner, RunProgress progress) throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(progress, "progress");
        RequestPlan plan = planner.newPlan();
        progress.runStarted(0, 1, name, planner.expectedArrivals(), plan.stages().getLast().endNanos());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        Run run = new Run(plan, new RunRecorder(plan.stages(), 0, options.slo()));
        long wall = run.drive(progress);
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put("wall_s", wall / 1e9);
        cost.put("cpu_s", (os.getProcessCpuTime() - cpuStart) / 1e9);
        cost.put("send_lag_p50_s", run.lag.getValueAtPercentile(50) / 1e9);
        cost.put("send_lag_p99_s", run.lag.getValueAtPercentile(99) / 1e9);
        cost.put("send_lag_max_s", run.lag.getMaxValue() / 1e9);
        cost.put("max_in_flight", (double) run.maxInFlight);
        RunResult result;
        run.lock.lock();
        try {
            result = run.recorder.result(name, plan.arrivalsEndNanos(), cost);
        } finally {
            run.lock.unlock();
        }
        progress.runFinished(result);
        return result;
    }

    /** The state of one run, shared by the dispatcher and the exchanges under {@link #lock}. */
    final class Run {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final RequestPlan plan;
        final RunRecorder recorder;
        final IdealPrefixCache ideal = new IdealPrefixCache(16);
        final PriorityQueue<PlannedRequest> followUps = new PriorityQueue<>(
                (a, b) -> Long.compare(a.arrivalNanos(), b.arrivalNanos()));
        final Histogram lag = new Histogram(3_600_000_000_000L, 3);
        final Set<Exchange> open = new HashSet<>();
        final ClientFactory factory;
        final WebClient client;
        long start;
        int inFlight;
        int maxInFlight;
        volatile boolean cutOff;

        Run(RequestPlan plan, RunRecorder recorder) {
            this.plan = plan;
            this.recorder = recorder;
            this.factory = ClientFactory.builder()
                    .connectTimeout(options.connectTimeout())
                    .idleTimeout(Duration.ofSeconds(30))
                    .build();
            URI t = options.target();
            this.client = WebClient.builder(t.getScheme() + "://" + t.getRawAuthority())
                    .factory(factory)
                    .responseTimeout(Duration.ZERO)
                    .maxResponseLength(0)
                    .build();
        }

        long now() {
            return clock.nanos();
        }

        /** Sends everything, waits for the answers or the cut-off; returns the wall time taken. */
        long drive(RunProgress progress) throws InterruptedException {
            start = clock.nanos();
            long lastStage = plan.stages().getLast().endNanos();
            PlannedRequest next;
            lock.lock();
            try {
                next = plan.next();
            } finally {
                lock.unlock();
            }
            try {
                while (true) {
                    Exchange exchange;
                    byte[] body;
                    lock.lock();
                    try {
                        long now = clock.nanos() - start;
                        PlannedRequest candidate = earliest(next, followUps.peek());
                        long arrivalsEnd = next == null ? plan.arrivalsEndNanos() : lastStage;
                        if (candidate == null && inFlight == 0) {
                            break;
                        }
                        if (now > arrivalsEnd + options.maxDrain().toNanos()) {
                            break;
                        }
                        progress.advanced(now, recorder.arrivals(), recorder.ended());
                        long due = candidate == null ? Long.MAX_VALUE : candidate.arrivalNanos();
                        if (due > now) {
                            changed.awaitNanos(Math.min(due - now, 50_000_000L));
                            continue;
                        }
                        if (candidate == next) {
                            next = plan.next();
                        } else {
                            followUps.poll();
                        }
                        lag.recordValue(Math.min(lag.getHighestTrackableValue(), now - due));
                        recorder.arrived(candidate.stage());
                        if (inFlight >= options.maxInFlight()) {
                            recorder.failed(candidate.stage(), "client_overloaded", now);
                            continue;
                        }
                        inFlight++;
                        maxInFlight = Math.max(maxInFlight, inFlight);
                        int idealTokens = idealTokens(candidate);
                        exchange = new Exchange(this, candidate, idealTokens, plan.hasFollowUps());
                        open.add(exchange);
                    } finally {
                        lock.unlock();
                    }
                    body = RequestBodies.of(options, exchange.planned().prompt().text(), exchange.planned().outputTokens());
                    exchange.start(client, options, body);
                }
            } finally {
                cutOffAndWait();
                factory.close();
            }
            return clock.nanos() - start;
        }

        private void cutOffAndWait() throws InterruptedException {
            List<Exchange> toAbort;
            lock.lock();
            try {
                cutOff = true;
                toAbort = new ArrayList<>(open);
            } finally {
                lock.unlock();
            }
            toAbort.forEach(Exchange::abort);
            lock.lock();
            try {
                long deadline = clock.nanos() + TimeUnit.SECONDS.toNanos(30);
                while (inFlight > 0 && clock.nanos() < deadline) {
                    changed.awaitNanos(100_000_000L);
                }
            } finally {
                lock.unlock();
            }
        }

        private int idealTokens(PlannedRequest p) {
            if (!p.prompt().hasTokens() && tokenizer == null) {
                return 0;
            }
            return ideal.lookupAndRemember(p.prompt().tokens(tokenizer));
        }

        /** Called by an exchange when it ended, however; {@code answer} is null unless it completed. */
        void ended(Exchange exchange, PlannedRequest p, String answer, long finishedAt) {
            lock.lock();
            try {
                inFlight--;
                open.remove(exchange);
                if (answer != null && plan.hasFollowUps()) {
                    if (tokenizer != null || p.prompt().hasTokens()) {
                        int[] prompt = p.prompt().tokens(tokenizer);
                        int[] tail = tokenizer == null ? new int[0] : tokenizer.encode(answer);
                        int[] whole = java.util.Arrays.copyOf(prompt, prompt.length + tail.length);
                        System.arraycopy(tail, 0, whole, prompt.length, tail.length);
                        ideal.remember(whole);
                    }
                    PlannedRequest follow = plan.followUp(p, PromptPart.ofText(answer), finishedAt);
                    if (follow != null) {
                        followUps.add(follow);
                    }
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static PlannedRequest earliest(PlannedRequest a, PlannedRequest b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.arrivalNanos() < a.arrivalNanos() ? b : a;
    }
}
