package dev.sextant.simulator.engine;

/**
 * A finished request, with the times of its life in the engine's nanoseconds.
 *
 * @param request the request
 * @param finishReason why it ended ({@link FinishReason#ABORT} when cancelled)
 * @param arrivalNanos when it was submitted
 * @param firstScheduledNanos when a step first included it; -1 if never scheduled
 * @param firstTokenNanos when its first token was produced; -1 if none was
 * @param finishNanos when it ended
 * @param promptTokens prompt tokens
 * @param cachedTokens prompt tokens served from the prefix cache at first admission
 * @param outputTokens tokens generated
 * @param preemptions how often it was preempted and recomputed
 * @param blockIds KV block ids it held when it finished, for {@code remote_block_ids}; empty unless
 *     {@link EngineRequest#remoteDecode()}
 */
public record Completion(
        EngineRequest request,
        FinishReason finishReason,
        long arrivalNanos,
        long firstScheduledNanos,
        long firstTokenNanos,
        long finishNanos,
        int promptTokens,
        int cachedTokens,
        int outputTokens,
        int preemptions,
        int[] blockIds) {

    /** Time to first token; -1 when no token was produced. */
    public long ttftNanos() {
        return firstTokenNanos < 0 ? -1 : firstTokenNanos - arrivalNanos;
    }

    /** Arrival to finish. */
    public long e2eNanos() {
        return finishNanos - arrivalNanos;
    }
}
