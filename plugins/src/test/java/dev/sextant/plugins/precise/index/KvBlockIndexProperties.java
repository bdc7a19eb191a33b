package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The index against a model that knows, per endpoint, which token prefixes the engine holds: random
 * BlockStored chains (over a tiny alphabet, so prefixes are shared across endpoints), removals, clears
 * and sequence gaps, on both tables; after every step, random prompts must match exactly as the model says.
 */
class KvBlockIndexProperties {
    private static final int BLOCK = 2;
    private static final int ENDPOINTS = 3;

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void matchesAgreeWithAModelOfTheEnginesCaches(@ForAll long seed, @ForAll BlockTable.Kind table) {
        Random random = new Random(seed);
        KvBlockIndex index = new KvBlockIndex(new BlockKeys(BLOCK, "s"), table.create(), 10_000, new ManualClock());
        List<Map<Long, List<Integer>>> model = new ArrayList<>();
        long[] sequence = new long[ENDPOINTS];
        for (int e = 0; e < ENDPOINTS; e++) {
            model.add(new HashMap<>());
        }
        long nextHash = 1;
        for (int step = 0; step < 60; step++) {
            int e = random.nextInt(ENDPOINTS);
            EndpointId id = endpoint(e);
            Map<Long, List<Integer>> held = model.get(e);
            int op = random.nextInt(10);
            if (op < 6) {
                Long parent = held.isEmpty() || random.nextInt(3) == 0 ? null
                        : new ArrayList<>(held.keySet()).get(random.nextInt(held.size()));
                List<Integer> prefix = parent == null ? new ArrayList<>() : new ArrayList<>(held.get(parent));
                int blocks = 1 + random.nextInt(3);
                List<Long> hashes = new ArrayList<>();
                List<Integer> tokens = new ArrayList<>();
                for (int b = 0; b < blocks; b++) {
                    List<Integer> next = new ArrayList<>(prefix);
                    for (int t = 0; t < BLOCK; t++) {
                        next.add(random.nextInt(2));
                    }
                    if (held.containsValue(next)) {
                        break; // the engine would reuse its block, not store it again
                    }
                    long h = nextHash++;
                    held.put(h, next);
                    hashes.add(h);
                    tokens.addAll(next.subList(prefix.size(), next.size()));
                    prefix = next;
                }
                if (!hashes.isEmpty()) {
                    index.apply(id, "m", sequence[e]++, List.of(new KvCacheEvent.BlockStored(
                            hashes.stream().mapToLong(Long::longValue).toArray(), parent == null ? 0 : parent,
                            parent != null, tokens.stream().mapToInt(Integer::intValue).toArray(), BLOCK, null, null,
                            StorageTier.GPU)));
                }
            } else if (op < 8 && !held.isEmpty()) {
                List<Long> all = new ArrayList<>(held.keySet());
                long h = all.get(random.nextInt(all.size()));
                held.remove(h);
                index.apply(id, "m", sequence[e]++, List.of(new KvCacheEvent.BlockRemoved(new long[] {h},
                        StorageTier.GPU)));
            } else if (op == 8) {
                held.clear();
                index.apply(id, "m", sequence[e]++, List.of(new KvCacheEvent.AllBlocksCleared()));
            } else {
                held.clear();
                sequence[e] += 2; // a lost batch
                index.apply(id, "m", sequence[e]++, List.of());
            }
            for (int q = 0; q < 4; q++) {
                checkPrompt(index, model, random);
            }
        }
        Statistics.label("match length").coverage(c -> {
            c.check(0).count(n -> n > 0);
            c.check(2).count(n -> n > 0);
            c.check(3).count(n -> n > 0);
        });
    }

    private static void checkPrompt(KvBlockIndex index, List<Map<Long, List<Integer>>> model, Random random) {
        int blocks = 1 + random.nextInt(5);
        int[] prompt = new int[blocks * BLOCK + random.nextInt(BLOCK)];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = random.nextInt(2);
        }
        long[] keys = index.blockKeys().keys("m", prompt);
        int[] slots = new int[ENDPOINTS];
        for (int e = 0; e < ENDPOINTS; e++) {
            slots[e] = index.slotOf(endpoint(e));
        }
        int[] matched = new int[ENDPOINTS];
        index.newMatcher().match(keys, keys.length, slots, ENDPOINTS, matched, new double[ENDPOINTS]);
        for (int e = 0; e < ENDPOINTS; e++) {
            int expected = 0;
            while (expected < keys.length) {
                List<Integer> prefix = new ArrayList<>();
                for (int i = 0; i < (expected + 1) * BLOCK; i++) {
                    prefix.add(prompt[i]);
                }
                if (!model.get(e).containsValue(prefix)) {
                    break;
                }
                expected++;
            }
            assertThat(matched[e]).as("endpoint %d", e).isEqualTo(expected);
            Statistics.label("match length").collect(Math.min(expected, 3));
        }
    }

    private static EndpointId endpoint(int e) {
        return EndpointId.parse("10.0.0." + (e + 1) + ":8000");
    }
}
