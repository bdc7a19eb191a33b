package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineHashes} against a {@code HashMap}: random puts and tier removals, at high load and through
 * growth, with hashes that the slot layout could confuse (0, which looks like an empty slot's hash; -1; the
 * top bits, where keys carry tiers) and hashes that share home slots.
 */
class EngineHashesProperties {
    private static final long[] AWKWARD = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 62, 3L << 62};

    private record Entry(long key, int tiers) {}

    @Property(tries = 100)
    void agreesWithAHashMap(@ForAll long seed) {
        Random random = new Random(seed);
        EngineHashes map = new EngineHashes();
        Map<Long, Entry> model = new HashMap<>();
        int universe = 8 + random.nextInt(3000); // small universes make long probe runs and many deletions
        for (int step = 0; step < 6000; step++) {
            long hash = random.nextInt(10) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                    : random.nextBoolean() ? random.nextInt(universe) : random.nextInt(universe) * 0x1_0000_0001L;
            int tier = random.nextInt(2);
            if (random.nextInt(3) > 0) {
                long key = random.nextLong() >>> 2;
                Entry before = model.get(hash);
                int tiersBefore = before == null ? 0 : before.tiers();
                assertThat(map.put(hash, key, tier)).isEqualTo(tiersBefore);
                model.put(hash, new Entry(key, tiersBefore | 1 << tier));
            } else {
                Entry before = model.get(hash);
                int left = before == null ? -1 : before.tiers() & ~(1 << tier);
                assertThat(map.removeTier(hash, tier)).isEqualTo(left);
                if (left == 0) {
                    model.remove(hash);
                } else if (left > 0) {
                    model.put(hash, new Entry(before.key(), left));
                }
            }
            assertThat(map.size()).isEqualTo(model.size());
            assertThat(map.size() * 4L).as("fill limit 3/4").isLessThanOrEqualTo(map.capacity() * 3L);
            long probe = random.nextInt(10) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : random.nextInt(universe);
            Entry expected = model.get(probe);
            assertThat(map.key(probe)).isEqualTo(expected == null ? EngineHashes.NO_KEY : expected.key());
            assertThat(map.contains(probe)).isEqualTo(expected != null);
        }
        long[] hashes = map.hashes();
        Arrays.sort(hashes);
        assertThat(hashes).containsExactly(model.keySet().stream().mapToLong(Long::longValue).sorted().toArray());
        Map<Long, Integer> seen = new HashMap<>();
        map.forEach((key, tiers) -> seen.merge(key, tiers, Integer::sum));
        Map<Long, Integer> expected = new HashMap<>();
        model.values().forEach(e -> expected.merge(e.key(), e.tiers(), Integer::sum));
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void growsByAnEighthAndStaysBetweenLoadsTwoThirdsAndThreeQuarters() {
        EngineHashes map = new EngineHashes();
        for (int i = 0; i < 100_000; i++) {
            map.put(i * 31L, i, Holders.GPU);
            if (i > 1000) {
                double load = (double) map.size() / map.capacity();
                assertThat(load).isBetween(0.66, 0.75);
            }
        }
    }

    @Test
    void refusesKeysWiderThan62Bits() {
        assertThatThrownBy(() -> new EngineHashes().put(1, 1L << 62, Holders.GPU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 62 bits");
    }
}
