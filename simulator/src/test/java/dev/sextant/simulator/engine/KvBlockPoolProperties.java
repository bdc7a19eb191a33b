package dev.sextant.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The block pool against a plain model: a free queue in least-recently-freed order and a hash map. */
class KvBlockPoolProperties {

    @Property(tries = 300)
    void evictsInLeastRecentlyFreedOrderAndNeverExceedsCapacity(
            @ForAll @IntRange(min = 1, max = 16) int capacity,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 399) Integer> ops) {
        KvBlockPool pool = new KvBlockPool(capacity);
        LinkedHashSet<Integer> freeQueue = new LinkedHashSet<>();
        for (int b = 0; b < capacity; b++) {
            freeQueue.add(b);
        }
        Map<Integer, Integer> refs = new HashMap<>();
        Map<Long, Integer> cached = new HashMap<>();
        Map<Integer, Long> hashOf = new HashMap<>();
        List<Integer> held = new ArrayList<>();
        long nextHash = 1;

        for (int op : ops) {
            int kind = op % 4;
            int arg = op / 4;
            switch (kind) {
                case 0 -> { // allocate
                    List<Long> evicted = new ArrayList<>();
                    int b = pool.allocate(evicted::add);
                    if (freeQueue.isEmpty()) {
                        assertThat(b).isEqualTo(-1);
                    } else {
                        int expected = freeQueue.iterator().next();
                        assertThat(b).isEqualTo(expected);
                        freeQueue.remove(expected);
                        Long h = hashOf.remove(expected);
                        if (h != null) {
                            cached.remove(h);
                            assertThat(evicted).containsExactly(h);
                        } else {
                            assertThat(evicted).isEmpty();
                        }
                        refs.put(b, 1);
                        held.add(b);
                    }
                }
                case 1 -> { // release one reference
                    if (!held.isEmpty()) {
                        int b = held.remove(arg % held.size());
                        pool.release(b);
                        if (refs.merge(b, -1, Integer::sum) == 0) {
                            freeQueue.add(b);
                        }
                    }
                }
                case 2 -> { // register a held block under a new hash
                    if (!held.isEmpty()) {
                        int b = held.get(arg % held.size());
                        long h = nextHash++;
                        boolean expected = !hashOf.containsKey(b);
                        assertThat(pool.register(b, h)).isEqualTo(expected);
                        if (expected) {
                            hashOf.put(b, h);
                            cached.put(h, b);
                        }
                    }
                }
                default -> { // look up a cached hash and take a reference
                    if (!cached.isEmpty()) {
                        long h = new ArrayList<>(cached.keySet()).get(arg % cached.size());
                        int b = pool.lookup(h);
                        assertThat(b).isEqualTo(cached.get(h));
                        pool.acquire(b);
                        if (refs.merge(b, 1, Integer::sum) == 1) {
                            freeQueue.remove(b);
                        }
                        held.add(b);
                    }
                }
            }
            assertThat(pool.freeQueue()).containsExactly(freeQueue.stream().mapToInt(Integer::intValue).toArray());
            assertThat(pool.usedBlocks()).isEqualTo(capacity - freeQueue.size()).isLessThanOrEqualTo(capacity);
            assertThat(pool.cachedBlocks()).isEqualTo(cached.size());
        }
    }
}
