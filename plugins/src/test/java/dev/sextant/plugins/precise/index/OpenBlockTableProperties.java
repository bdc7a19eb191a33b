package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenBlockTable} against a map of bit words: inserts, bit changes and deletions at high load, through
 * tombstone purges, growth by an eighth and growth to more groups; keys 0 to 3 (the empty and deleted markers
 * and what they are stored as) included.
 */
class OpenBlockTableProperties {
    private static final long[] MARKERS = {0, 1, 2, 3};

    @Property(tries = 60)
    void agreesWithAMapOfBitWords(@ForAll long seed) {
        Random random = new Random(seed);
        OpenBlockTable table = new OpenBlockTable();
        Map<Long, long[]> model = new HashMap<>();
        int universe = 16 + random.nextInt(4000);
        int maxWord = random.nextInt(4) == 0 ? 6 : 2;
        long[] out = new long[8];
        byte[] scratch = new byte[8];
        for (int step = 0; step < 8000; step++) {
            long key = random.nextInt(20) == 0 ? MARKERS[random.nextInt(2)] : 4 + random.nextInt(universe);
            int word = random.nextInt(maxWord);
            long bit = 1L << random.nextInt(64);
            long[] words = model.computeIfAbsent(key, k -> new long[8]);
            if (random.nextInt(5) < 3) {
                table.setBit(key, word, bit);
                words[word] |= bit;
            } else {
                table.clearBit(key, word, bit);
                words[word] &= ~bit;
            }
            if (isZero(words)) {
                model.remove(key);
            }
            assertThat(table.size()).isEqualTo(model.size());
            long probe = random.nextInt(20) == 0 ? MARKERS[random.nextInt(2)] : 4 + random.nextInt(universe);
            long[] expected = model.get(probe);
            assertThat(table.read(probe, out, 8, scratch)).isEqualTo(expected != null);
            if (expected != null) {
                assertThat(out).containsExactly(expected);
                assertThat(table.word(probe, word)).isEqualTo(expected[word]);
            }
        }
    }

    @Test
    void deletionsAndInsertsForeverDoNotGrowTheTable() {
        OpenBlockTable table = new OpenBlockTable();
        for (long k = 0; k < 3_000_000; k++) { // 3,000 live keys, each new key a new slot: tombstones are purged
            table.setBit(k + 16, Holders.GPU, 1);
            if (k >= 3000) {
                table.clearBit(k + 16 - 3000, Holders.GPU, 1);
            }
        }
        assertThat(table.size()).isEqualTo(3000);
        assertThat(table.capacity()).isLessThanOrEqualTo(3000 * 5 / 3 * 9 / 8 + 1);
    }

    @Test
    void growsByAnEighthAndStaysBetweenLoadsTwoThirdsAndThreeQuarters() {
        OpenBlockTable table = new OpenBlockTable();
        for (long k = 0; k < 200_000; k++) {
            table.setBit(k * 0x9E37L + 16, Holders.CPU, 1L << (k & 63));
            if (k > 2000) {
                double load = (double) table.size() / table.capacity();
                assertThat(load).isBetween(0.66, 0.75);
            }
        }
    }

    private static boolean isZero(long[] words) {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }
}
