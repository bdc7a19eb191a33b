package dev.sextant.plugins.precise.index;

import dev.sextant.api.endpoint.EndpointId;

/**
 * What the index keeps for one endpoint: its bit slot, the engine-hash map, the last sequence number and
 * counters. Mutated only under the index's writer lock; the counters are volatile so that status
 * readers see recent values without the lock.
 */
final class EndpointBlocks {
    final EndpointId id;
    final int slot;
    final EngineHashes engineHashes = new EngineHashes();
    long lastSequence = -1;
    volatile int blocks;
    volatile long gaps;
    volatile long resets;
    volatile long orphanBlocks;
    volatile long overflowBlocks;
    volatile long batches;
    volatile long lastBatchNanos = Long.MIN_VALUE;

    EndpointBlocks(EndpointId id, int slot) {
        this.id = id;
        this.slot = slot;
    }

    EndpointIndexStatus status() {
        return new EndpointIndexStatus(id, blocks, lastSequence, gaps, resets, orphanBlocks, overflowBlocks, batches,
                lastBatchNanos);
    }
}
