package dev.sextant.plugins.precise.events;

import java.util.List;

/**
 * One decoded payload: the events an engine published together.
 *
 * @param timestampSeconds the engine's Unix time of the batch, NaN when the payload carried none
 * @param events the events that decoded, in order
 * @param dataParallelRank the engine's data-parallel rank, -1 when absent
 * @param skippedEvents events that were malformed or of an unknown kind and were left out
 */
public record KvEventBatch(double timestampSeconds, List<KvCacheEvent> events, int dataParallelRank,
        int skippedEvents) {
    public KvEventBatch {
        events = List.copyOf(events);
    }
}
