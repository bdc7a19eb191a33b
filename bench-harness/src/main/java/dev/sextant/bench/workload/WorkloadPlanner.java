package dev.sextant.bench.workload;

import java.util.Objects;

/**
 * Makes the request plans of one workload: checks it (reading a trace once, up front) and then gives a
 * fresh, identical plan to every configuration that runs it.
 */
public final class WorkloadPlanner {
    private final Workload workload;
    private final PromptVocabulary vocabulary;
    private final long seed;
    private final long maxRequests;
    private final TraceFile trace;

    private WorkloadPlanner(Workload workload, PromptVocabulary vocabulary, long seed, long maxRequests, TraceFile trace) {
        this.workload = workload;
        this.vocabulary = vocabulary;
        this.seed = seed;
        this.maxRequests = maxRequests;
        this.trace = trace;
    }

    /**
     * A planner.
     *
     * @param seed the run's seed
     * @param maxRequests a cap on arrivals overriding the workload's, or 0 to keep it
     * @throws WorkloadException when a trace cannot be read
     */
    public static WorkloadPlanner of(Workload workload, PromptVocabulary vocabulary, long seed, long maxRequests) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (maxRequests < 0) {
            throw new IllegalArgumentException("maxRequests: " + maxRequests + " (expected: >= 0)");
        }
        TraceFile trace = workload.spec() instanceof WorkloadSpec.TraceReplay t ? TraceFile.read(t.file()) : null;
        return new WorkloadPlanner(workload, vocabulary, seed, maxRequests, trace);
    }

    /** The workload. */
    public Workload workload() {
        return workload;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The vocabulary prompts are made of. */
    public PromptVocabulary vocabulary() {
        return vocabulary;
    }

    /** The arrivals expected on average (exact for a trace). */
    public double expectedArrivals() {
        if (trace != null) {
            return maxRequests > 0 ? Math.min(maxRequests, trace.size()) : trace.size();
        }
        ArrivalSchedule a = schedule();
        return a.expectedArrivals();
    }

    /** A fresh plan: the same requests every time. */
    public RequestPlan newPlan() {
        return switch (workload.spec()) {
            case WorkloadSpec.SharedPrefix s -> new SharedPrefixPlan(s, schedule(), seed, vocabulary);
            case WorkloadSpec.MultiTurn m -> new MultiTurnPlan(m, schedule(), seed, vocabulary);
            case WorkloadSpec.RandomPrompts r -> new RandomPromptPlan(r, schedule(), seed, vocabulary);
            case WorkloadSpec.TraceReplay t -> new TracePlan(t, trace, seed, vocabulary, maxRequests);
        };
    }

    private ArrivalSchedule schedule() {
        ArrivalSchedule a = workload.arrivals();
        return maxRequests > 0 ? a.withMaxRequests(maxRequests) : a;
    }
}
