package dev.sextant.plugins.scorer.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Invariants of the prompt hasher and the per-endpoint LRU, against simple models. */
class PrefixCacheProperties {

    @Property
    void twoPromptsShareExactlyTheirCommonFullBlocks(
            @ForAll @StringLength(max = 400) String common, @ForAll @StringLength(max = 200) String a,
            @ForAll @StringLength(max = 200) String b, @ForAll @IntRange(min = 1, max = 8) int blockSizeTokens) {
        String first = common + a;
        String second = common + b;
        long[] x = PromptBlockHasher.hashBlocks("m", "", first, blockSizeTokens, 1000);
        long[] y = PromptBlockHasher.hashBlocks("m", "", second, blockSizeTokens, 1000);
        int blockChars = blockSizeTokens * 4;
        int sharedChars = commonPrefixLength(first, second);
        int expectedShared = Math.min(sharedChars / blockChars, Math.min(x.length, y.length));
        int shared = 0;
        while (shared < Math.min(x.length, y.length) && x[shared] == y[shared]) {
            shared++;
        }
        assertThat(shared).isEqualTo(expectedShared);
        assertThat(x).hasSize(first.length() / blockChars);
    }

    @Property
    void theLruHoldsTheMostRecentlyRecordedDistinctBlocks(
            @ForAll @Size(max = 30) List<@Size(max = 6) List<@IntRange(max = 20) Integer>> batches,
            @ForAll @IntRange(min = 1, max = 12) int capacity) {
        BlockLru lru = new BlockLru(capacity, 0);
        LinkedHashSet<Long> model = new LinkedHashSet<>();
        for (List<Integer> batch : batches) {
            long[] hashes = batch.stream().mapToLong(Integer::longValue).toArray();
            lru.record(hashes, capacity, 0);
            for (int i = hashes.length - 1; i >= 0; i--) {
                model.remove(hashes[i]);
                model.add(hashes[i]);
            }
            while (model.size() > capacity) {
                model.removeFirst();
            }
        }
        assertThat(lru.size()).isEqualTo(model.size()).isLessThanOrEqualTo(capacity);
        for (long h = 0; h <= 20; h++) {
            assertThat(lru.holds(h)).isEqualTo(model.contains(h));
        }
        List<Long> all = new ArrayList<>(model);
        long[] held = all.stream().mapToLong(Long::longValue).toArray();
        assertThat(lru.leadingMatches(held)).isEqualTo(held.length);
    }

    /**
     * The same against the model with many blocks, so storage grows and the table rehashes, and
     * optionally with hashes that all land in one slot, so deletion has to shift long probe runs.
     */
    @Property(tries = 300)
    void theLruMatchesItsModelUnderGrowthShrinkingAndCollisions(
            @ForAll @Size(max = 40) List<@Size(max = 120) List<@IntRange(max = 900) Integer>> batches,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 700) Integer> capacities,
            @ForAll boolean colliding) {
        BlockLru lru = new BlockLru(capacities.getFirst(), 0);
        LinkedHashSet<Long> model = new LinkedHashSet<>();
        for (int b = 0; b < batches.size(); b++) {
            int capacity = capacities.get(b % capacities.size());
            long[] hashes = batches.get(b).stream()
                    .mapToLong(v -> colliding ? ((long) v << 32 | v) : v * 0x9E3779B97F4A7C15L).toArray();
            lru.record(hashes, capacity, 0);
            while (model.size() > capacity) {
                model.removeFirst();
            }
            for (int i = hashes.length - 1; i >= 0; i--) {
                model.remove(hashes[i]);
                model.add(hashes[i]);
                if (model.size() > capacity) {
                    model.removeFirst();
                }
            }
        }
        assertThat(lru.size()).isEqualTo(model.size());
        for (int v = 0; v <= 900; v++) {
            long h = colliding ? ((long) v << 32 | v) : v * 0x9E3779B97F4A7C15L;
            assertThat(lru.holds(h)).as("holds %d", v).isEqualTo(model.contains(h));
        }
    }

    /** Prompts made of a few shared stems, so chains overlap and the small LRU evicts parts of them. */
    @Property
    void binarySearchFindsTheSameMatchAsALinearScanOverRecordedChains(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(max = 5) Integer> stems,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 12) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 40) int capacity) {
        BlockLru lru = new BlockLru(capacity, 0);
        for (int i = 0; i < stems.size(); i++) {
            lru.record(chain(stems.get(i), lengths.get(i % lengths.size())), capacity, 0);
        }
        for (int stem = 0; stem <= 5; stem++) {
            long[] query = chain(stem, 12);
            int linear = 0;
            while (linear < query.length && lru.holds(query[linear])) {
                linear++;
            }
            assertThat(lru.leadingMatches(query)).isEqualTo(linear);
            for (int k = linear; k < query.length; k++) {
                assertThat(lru.holds(query[k])).as("no gaps after the held prefix").isFalse();
            }
        }
    }

    /** The first {@code blocks} block hashes of a prompt that starts with stem {@code stem}. */
    private static long[] chain(int stem, int blocks) {
        String text = String.valueOf((char) ('a' + stem)).repeat(8) + "x".repeat(8 * 11);
        return PromptBlockHasher.hashBlocks("m", "", text, 2, blocks);
    }

    /** Chunked copying must not change a single hash: compare with hashing each block's bytes. */
    @Property(tries = 200)
    void blockHashesAreChainedXxh64OfUtf16LeBlocksAndThePreviousHash(
            @ForAll @StringLength(max = 12_000) String text, @ForAll @IntRange(min = 1, max = 40) int blockSizeTokens,
            @ForAll @IntRange(min = 1, max = 300) int maxBlocks) {
        long[] hashes = PromptBlockHasher.hashBlocks("model", "salt", text, blockSizeTokens, maxBlocks);
        int blockChars = blockSizeTokens * 4;
        assertThat(hashes).hasSize(Math.min(maxBlocks, text.length() / blockChars));
        long previous = PromptBlockHasher.seed("model", "salt");
        for (int i = 0; i < hashes.length; i++) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(2 * blockChars + 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < blockChars; c++) {
                bytes.putChar(text.charAt(i * blockChars + c));
            }
            bytes.putLong(previous);
            previous = Xxh64.hash(bytes.array(), 0, bytes.capacity(), 0);
            assertThat(hashes[i]).as("block %d", i).isEqualTo(previous);
        }
    }

    private static int commonPrefixLength(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
