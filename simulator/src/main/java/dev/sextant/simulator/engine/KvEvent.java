package dev.sextant.simulator.engine;

/**
 * A change of the replica's prefix cache, in the terms of vLLM's KV-cache events (all on the GPU
 * tier). Hashes are unsigned 64-bit values held in a {@code long}. Arrays are not copied: do not
 * mutate them.
 */
public sealed interface KvEvent {

    /**
     * Consecutive full blocks of one request became reusable.
     *
     * @param blockHashes the blocks' hashes, in prompt order
     * @param parentBlockHash hash of the block before the first one; null for the first block of a prompt
     * @param tokenIds the blocks' tokens, {@code blockSize} per block
     * @param blockSize tokens per block
     * @param loraId the adapter's numeric id, null for the base model
     * @param loraName the adapter's name, null for the base model
     */
    record BlockStored(long[] blockHashes, Long parentBlockHash, int[] tokenIds, int blockSize, Integer loraId,
            String loraName) implements KvEvent {}

    /** Blocks were evicted from the prefix cache. */
    record BlockRemoved(long[] blockHashes) implements KvEvent {}

    /** The whole prefix cache was dropped. */
    record AllBlocksCleared() implements KvEvent {}
}
