package dev.sextant.bench.precise;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import dev.sextant.plugins.precise.index.BlockKeys;
import dev.sextant.plugins.precise.index.BlockTable;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the indexes the precise-prefix benchmarks run on: 64 endpoints fed through real BlockStored events. */
final class PrefixIndexFixture {
    static final int BLOCK_SIZE = 16;
    static final int ENDPOINTS = 64;
    static final String MODEL = "bench-model";

    private PrefixIndexFixture() {}

    static EndpointId endpoint(int i) {
        return EndpointId.parse("10.0." + (i / 250) + "." + (i % 250 + 1) + ":8000");
    }

    static KvBlockIndex emptyIndex(BlockTable.Kind kind) {
        return new KvBlockIndex(new BlockKeys(BLOCK_SIZE, ""), kind.create(), 1 << 20, Clock.system());
    }

    /** Random tokens below 100,000, as a tokenizer's ids. */
    static int[] tokens(SplittableRandom random, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(100_000);
        }
        return out;
    }

    /**
     * Stores, for {@code endpoint}, {@code blocks} blocks of {@code prompt} from its start in one event, with
     * engine hashes drawn from {@code random}.
     */
    static void store(KvBlockIndex index, EndpointId endpoint, int[] prompt, int blocks, SplittableRandom random,
            long sequence) {
        long[] hashes = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            hashes[i] = random.nextLong();
        }
        int[] tokens = java.util.Arrays.copyOf(prompt, blocks * BLOCK_SIZE);
        index.apply(endpoint, MODEL, sequence, List.of(new KvCacheEvent.BlockStored(hashes, 0, false, tokens,
                BLOCK_SIZE, null, null, StorageTier.GPU)));
    }
}
