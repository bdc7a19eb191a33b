package dev.sextant.plugins.precise.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.data.Offset;

/**
 * Speculation kept as a marked GPU bit ({@link SpeculativeMarks}) must score exactly as the former separate
 * speculative word did. The model here is that design, written out: per (block, endpoint) a GPU, a CPU and a
 * speculative bit; BlockStored sets its tier and clears the speculative bit, BlockRemoved and clears drop
 * the engine's tiers only, expiry drops the speculative bit; readers see GPU or speculative as GPU.
 * Random stores on both tiers, removals, clears, speculations and expiries, including blocks held under two
 * engine hashes; after every step every block is matched against every endpoint.
 */
class SpeculationProperties {
    private static final int ENDPOINTS = 3;
    private static final int BLOCKS = 6;
    private static final int HASHES = 12; // hash h names block (h - 1) % BLOCKS: two hashes per block
    private static final int GPU = 0;
    private static final int CPU = 1;
    private static final int SPECULATIVE = 2;

    @Property(tries = 300)
    void scoresAsASeparateSpeculativeWordWould(@ForAll long seed, @ForAll BlockTable.Kind kind) {
        Random random = new Random(seed);
        ManualClock clock = new ManualClock();
        KvBlockIndex index = new KvBlockIndex(new BlockKeys(2, ""), kind.create(), 10_000, clock);
        boolean[][][] bits = new boolean[BLOCKS][ENDPOINTS][3];
        List<Map<Long, Integer>> tiersByHash = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        ArrayDeque<long[]> expiries = new ArrayDeque<>(); // {expiresAt, endpoint, block}
        long[] sequence = new long[ENDPOINTS];
        for (int step = 0; step < 80; step++) {
            int e = random.nextInt(ENDPOINTS);
            Map<Long, Integer> tiers = tiersByHash.get(e);
            long hash = 1 + random.nextInt(HASHES);
            int block = (int) ((hash - 1) % BLOCKS);
            int tier = random.nextInt(4) == 0 ? CPU : GPU;
            StorageTier storageTier = tier == GPU ? StorageTier.GPU : StorageTier.CPU;
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    index.apply(endpoint(e), "m", sequence[e]++, List.of(new KvCacheEvent.BlockStored(new long[] {hash},
                            0, false, tokens(block), 2, null, null, storageTier)));
                    tiers.merge(hash, 1 << tier, (a, b) -> a | b);
                    bits[block][e][tier] = true;
                    bits[block][e][SPECULATIVE] = false;
                }
                case 2 -> {
                    index.apply(endpoint(e), "m", sequence[e]++, List.of(new KvCacheEvent.BlockRemoved(new long[] {hash},
                            storageTier)));
                    Integer had = tiers.get(hash);
                    if (had != null) {
                        int left = had & ~(1 << tier);
                        if (left == 0) {
                            tiers.remove(hash);
                        } else {
                            tiers.put(hash, left);
                        }
                        bits[block][e][tier] = false;
                    }
                }
                case 3 -> {
                    if (random.nextInt(3) == 0) {
                        index.apply(endpoint(e), "m", sequence[e]++, List.of(new KvCacheEvent.AllBlocksCleared()));
                        tiers.forEach((h, t) -> {
                            for (int d = GPU; d <= CPU; d++) {
                                if ((t & (1 << d)) != 0) {
                                    bits[(int) ((h - 1) % BLOCKS)][e][d] = false;
                                }
                            }
                        });
                        tiers.clear();
                    }
                }
                case 4 -> {
                    long ttl = 1 + random.nextInt(5);
                    index.speculate(endpoint(e), index.blockKeys().keys("m", tokens(block)), 1, ttl);
                    bits[block][e][SPECULATIVE] = true;
                    expiries.addLast(new long[] {clock.nanos() + ttl, e, block});
                }
                default -> {
                    clock.advanceNanos(1 + random.nextInt(3));
                    index.expireSpeculations();
                }
            }
            // the model's expiry: only the clock step expires anything, and the index expires right after it,
            // oldest speculation first, stopping at the first one not due
            while (!expiries.isEmpty() && expiries.peekFirst()[0] - clock.nanos() <= 0) {
                long[] x = expiries.pollFirst();
                bits[(int) x[2]][(int) x[1]][SPECULATIVE] = false;
            }
            check(index, bits);
        }
    }

    private static void check(KvBlockIndex index, boolean[][][] bits) {
        int[] slots = new int[ENDPOINTS];
        for (int e = 0; e < ENDPOINTS; e++) {
            slots[e] = index.slotOf(endpoint(e));
        }
        int[] matched = new int[ENDPOINTS];
        double[] weighted = new double[ENDPOINTS];
        PrefixMatcher matcher = index.newMatcher();
        for (int b = 0; b < BLOCKS; b++) {
            matcher.match(index.blockKeys().keys("m", tokens(b)), 1, slots, ENDPOINTS, matched, weighted);
            for (int e = 0; e < ENDPOINTS; e++) {
                boolean[] x = bits[b][e];
                boolean gpu = x[GPU] || x[SPECULATIVE];
                double expected = gpu ? 1 : x[CPU] ? StorageTier.CPU.weight() : 0;
                assertThat(weighted[e]).as("block %d endpoint %d", b, e).isCloseTo(expected, Offset.offset(1e-9));
            }
        }
    }

    private static int[] tokens(int block) {
        return new int[] {block, 7};
    }

    private static EndpointId endpoint(int e) {
        return EndpointId.parse("10.0.0." + (e + 1) + ":8000");
    }
}
