package dev.sextant.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IdealPrefixCacheTest {

    private static int[] tokens(int from, int n) {
        return IntStream.range(from, from + n).toArray();
    }

    @Test
    void countsFullBlocksAnEarlierPromptHeld() {
        IdealPrefixCache cache = new IdealPrefixCache(16);
        assertThat(cache.lookupAndRemember(tokens(0, 100))).isZero();
        assertThat(cache.lookupAndRemember(tokens(0, 100))).as("never the block of the last token").isEqualTo(96);
        assertThat(cache.lookupAndRemember(tokens(0, 97))).isEqualTo(96);
        assertThat(cache.lookupAndRemember(tokens(0, 96))).isEqualTo(80);
        int[] diverging = tokens(0, 64);
        diverging[40] = -1;
        assertThat(cache.lookupAndRemember(diverging)).isEqualTo(32);
        assertThat(cache.lookupAndRemember(tokens(1, 64))).as("a shifted prompt shares nothing").isZero();
    }

    @Test
    void remembersAnswersForTheNextTurn() {
        IdealPrefixCache cache = new IdealPrefixCache(4);
        int[] prompt = tokens(0, 10);
        cache.lookupAndRemember(prompt);
        int[] withAnswer = tokens(0, 18);
        cache.remember(withAnswer);
        int[] next = Arrays.copyOf(withAnswer, 25);
        assertThat(cache.lookupAndRemember(next)).isEqualTo(16);
    }

    @Property(tries = 100)
    void neverMoreThanThePromptLessOneToken(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 32) int block) {
        IdealPrefixCache cache = new IdealPrefixCache(block);
        cache.lookupAndRemember(tokens(0, n));
        int hit = cache.lookupAndRemember(tokens(0, n));
        assertThat(hit).isEqualTo((n - 1) / block * block).isLessThan(n);
    }

    @Test
    void growsPastItsFirstTable() {
        IdealPrefixCache cache = new IdealPrefixCache(1);
        cache.lookupAndRemember(tokens(0, 200_000));
        assertThat(cache.blocks()).isEqualTo(200_000);
        assertThat(cache.lookupAndRemember(tokens(0, 200_000))).isEqualTo(199_999);
    }
}
