package dev.sextant.bench.workload;

import java.util.Objects;

/**
 * One request of a workload run, decided before it is sent.
 *
 * @param sequence 0, 1, 2, ... in order of creation; unique within a run
 * @param arrivalNanos when it arrives, nanoseconds from the start of the run
 * @param stage index of the stage it arrives in
 * @param prompt what it asks
 * @param outputTokens tokens it generates (the client asks for exactly this many), &ge; 1
 * @param outputSeed seeds what a simulated engine generates, so an answer is the same wherever it is served
 * @param session the chat session it belongs to, or -1
 * @param turn its turn in the session (0 for the first), 0 outside sessions
 */
public record PlannedRequest(long sequence, long arrivalNanos, int stage, Prompt prompt, int outputTokens,
        long outputSeed, int session, int turn) {

    public PlannedRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (outputTokens < 1) {
            throw new IllegalArgumentException("outputTokens: " + outputTokens + " (expected: >= 1)");
        }
        if (arrivalNanos < 0) {
            throw new IllegalArgumentException("arrivalNanos: " + arrivalNanos + " (expected: >= 0)");
        }
    }

    /** The request id sent as {@code x-request-id}. */
    public String requestId() {
        return "bench-" + sequence;
    }
}
