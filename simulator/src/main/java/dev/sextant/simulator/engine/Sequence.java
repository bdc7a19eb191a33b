package dev.sextant.simulator.engine;

import java.util.Arrays;

/** The engine's mutable state of one request. Owned by one {@link ReplicaEngine}. */
final class Sequence {
    private static final int[] NO_BLOCKS = new int[0];

    final EngineRequest request;
    final long arrivalNanos;
    final int promptLength;
    /** Prompt plus output tokens sampled so far. */
    int numTokens;
    /** Tokens whose KV is computed (or taken from the cache) and held in {@link #blocks}. */
    int numComputed;
    int outputs;
    int[] blocks = NO_BLOCKS;
    int blockCount;
    /** Hashes of the leading full blocks, computed lazily; valid up to {@link #hashCount}. */
    long[] hashes;
    int hashCount;
    /** Leading full blocks already registered in (or taken from) the prefix cache. */
    int handledBlocks;
    int cachedTokens = -1;
    long firstScheduledNanos = -1;
    long firstTokenNanos = -1;
    long lastTokenNanos;
    int preemptions;
    boolean loraInUse;
    boolean cancelled;
    /** Tokens scheduled in the step in flight. */
    int scheduled;

    Sequence(EngineRequest request, long arrivalNanos, int blockSize) {
        this.request = request;
        this.arrivalNanos = arrivalNanos;
        this.promptLength = request.promptTokens().length;
        this.numTokens = promptLength;
        this.hashes = new long[(request.totalTokens() + blockSize - 1) / blockSize];
    }

    int tokenAt(int index, OutputTokens outputTokens) {
        return index < promptLength ? request.promptTokens()[index] : outputTokens.tokenAt(request, index - promptLength);
    }

    void addBlock(int block) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, Math.max(4, blocks.length * 2));
        }
        blocks[blockCount++] = block;
    }

    void clearBlocks() {
        blockCount = 0;
        handledBlocks = 0;
        numComputed = 0;
    }

    boolean isDecoding() {
        return outputs > 0 && numTokens - numComputed == 1;
    }
}
