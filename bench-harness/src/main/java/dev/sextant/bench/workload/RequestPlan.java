package dev.sextant.bench.workload;

import java.util.List;

/**
 * The requests of one run of a workload, deterministic for a seed: every configuration compared in a run
 * gets exactly the same arrivals and prompts. Not thread-safe; one driver calls it.
 */
public interface RequestPlan {

    /** The stages of the run, in order; a request's {@link PlannedRequest#stage()} indexes this list. */
    List<StageWindow> stages();

    /**
     * The next request that arrives on its own (not as a follow-up), in arrival order; null when none is left.
     */
    PlannedRequest next();

    /**
     * When arrivals stop: the end of the last stage, or the last arrival when a cap on requests ended them
     * sooner. Meaningful once {@link #next} has returned null.
     */
    long arrivalsEndNanos();

    /** Whether requests may have follow-ups (the turns of chat sessions). */
    default boolean hasFollowUps() {
        return false;
    }

    /**
     * Told that {@code done} completed with {@code answer} at {@code completedAtNanos}; returns the request
     * that follows it (the session's next turn), or null. Requests that failed have no follow-up: do not call.
     */
    default PlannedRequest followUp(PlannedRequest done, PromptPart answer, long completedAtNanos) {
        return null;
    }

    /** The stage a request arriving at {@code nanos} belongs to: the one containing it, else the last. */
    static int stageAt(List<StageWindow> stages, long nanos) {
        for (StageWindow w : stages) {
            if (nanos < w.endNanos()) {
                return w.index();
            }
        }
        return stages.size() - 1;
    }
}
