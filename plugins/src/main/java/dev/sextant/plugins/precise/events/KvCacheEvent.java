package dev.sextant.plugins.precise.events;

import java.util.Objects;

/**
 * One change of an engine's prefix cache, decoded from a vLLM KV-event batch.
 *
 * <p>Hashes are the engine's own block hashes, unsigned 64-bit values held in a {@code long} (bytes
 * hashes are reduced to their last 8 bytes, big-endian). Sextant never recomputes them: it maps them to
 * its own block keys when {@link BlockStored} brings the tokens. Arrays are not copied; do not mutate them.
 */
public sealed interface KvCacheEvent {

    /**
     * Consecutive full blocks became reusable.
     *
     * @param blockHashes the engine's hashes of the blocks, in prompt order
     * @param parentHash the engine's hash of the block before the first, meaningful when {@code hasParent}
     * @param hasParent false when the first block starts a prompt
     * @param tokenIds the blocks' tokens, {@code blockSize} per block
     * @param blockSize tokens per block, &gt; 0
     * @param loraName the adapter the blocks were computed with, null for the base model
     * @param loraId the adapter's numeric id (deprecated upstream), null when absent
     * @param tier where the blocks are stored
     */
    record BlockStored(long[] blockHashes, long parentHash, boolean hasParent, int[] tokenIds, int blockSize,
            String loraName, Integer loraId, StorageTier tier) implements KvCacheEvent {
        public BlockStored {
            Objects.requireNonNull(blockHashes, "blockHashes");
            Objects.requireNonNull(tokenIds, "tokenIds");
            Objects.requireNonNull(tier, "tier");
            if (blockSize <= 0) {
                throw new IllegalArgumentException("blockSize: " + blockSize + " (expected: > 0)");
            }
        }
    }

    /**
     * Blocks were evicted.
     *
     * @param blockHashes the engine's hashes of the evicted blocks
     * @param tier the tier they were evicted from
     */
    record BlockRemoved(long[] blockHashes, StorageTier tier) implements KvCacheEvent {
        public BlockRemoved {
            Objects.requireNonNull(blockHashes, "blockHashes");
            Objects.requireNonNull(tier, "tier");
        }
    }

    /** The engine dropped its whole prefix cache. */
    record AllBlocksCleared() implements KvCacheEvent {}
}
