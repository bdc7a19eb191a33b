package dev.sextant.api.requestcontrol;

/**
 * One chunk of a streamed response body.
 *
 * @param index 0 for the first chunk, then 1, 2, ...
 * @param sizeBytes bytes in the chunk
 * @param receivedAtNanos {@link dev.sextant.api.time.Clock#nanos()} when it arrived
 */
public record ResponseChunk(long index, int sizeBytes, long receivedAtNanos) {

    /** Whether this is the first chunk, which marks the time to first token. */
    public boolean isFirst() {
        return index == 0;
    }
}
