package dev.sextant.plugins.precise.index;

import dev.sextant.plugins.precise.events.StorageTier;
import java.util.Arrays;

/**
 * Finds, for a prompt's block keys and a set of endpoint slots, how many leading blocks each endpoint
 * holds: one table lookup per block, all endpoints at once as bit words, stopping at the first block no
 * candidate holds. Speculative entries count as GPU blocks.
 *
 * <p>Owned by one thread (its scratch buffers are reused); allocates nothing once its buffers have
 * grown to the largest slot seen. Get one from {@link KvBlockIndex#newMatcher()}.
 */
public final class PrefixMatcher {
    private static final double CPU_DISCOUNT = 1.0 - StorageTier.CPU.weight();

    private final BlockTable table;
    private final byte[] scratch = new byte[8];
    private long[] active = new long[1];
    private long[] words = new long[Holders.WORDS_PER_GROUP];
    private int[] candidateOfSlot = new int[64];
    private int[] cpuBlocks = new int[64];

    PrefixMatcher(BlockTable table) {
        this.table = table;
    }

    /**
     * Matches {@code keys[0 .. blockCount)} against the endpoints in {@code slots[0 .. candidates)}
     * (distinct slots, or -1 for an endpoint the index does not know).
     *
     * @param matchedOut per candidate, the consecutive leading blocks it holds on any tier
     * @param weightedOut per candidate, those blocks weighted by tier (GPU 1.0, CPU 0.8)
     */
    public void match(long[] keys, int blockCount, int[] slots, int candidates, int[] matchedOut,
            double[] weightedOut) {
        int maxSlot = -1;
        for (int c = 0; c < candidates; c++) {
            maxSlot = Math.max(maxSlot, slots[c]);
            matchedOut[c] = 0;
            weightedOut[c] = 0;
        }
        if (maxSlot < 0 || blockCount == 0) {
            return;
        }
        int groups = (maxSlot >>> 6) + 1;
        ensureCapacity(groups, maxSlot + 1, candidates);
        Arrays.fill(active, 0, groups, 0L);
        for (int c = 0; c < candidates; c++) {
            int s = slots[c];
            cpuBlocks[c] = 0;
            if (s >= 0) {
                active[s >>> 6] |= 1L << (s & 63);
                candidateOfSlot[s] = c;
            }
        }
        int b = 0;
        boolean anyActive = true;
        for (; b < blockCount && anyActive; b++) {
            boolean found = table.read(keys[b], words, groups * Holders.WORDS_PER_GROUP, scratch);
            anyActive = false;
            for (int g = 0; g < groups; g++) {
                long act = active[g];
                if (act == 0) {
                    continue;
                }
                long gpu = 0;
                long cpu = 0;
                int base = g * Holders.WORDS_PER_GROUP;
                if (found) {
                    gpu = words[base + Holders.GPU]; // speculative holders included
                    cpu = words[base + Holders.CPU];
                }
                long present = (gpu | cpu) & act;
                for (long dropped = act & ~present; dropped != 0; dropped &= dropped - 1) {
                    matchedOut[candidateOfSlot[(g << 6) + Long.numberOfTrailingZeros(dropped)]] = b;
                }
                for (long cpuOnly = cpu & ~gpu & present; cpuOnly != 0; cpuOnly &= cpuOnly - 1) {
                    cpuBlocks[candidateOfSlot[(g << 6) + Long.numberOfTrailingZeros(cpuOnly)]]++;
                }
                active[g] = present;
                anyActive |= present != 0;
            }
        }
        for (int g = 0; g < groups; g++) {
            for (long left = active[g]; left != 0; left &= left - 1) {
                matchedOut[candidateOfSlot[(g << 6) + Long.numberOfTrailingZeros(left)]] = b;
            }
        }
        for (int c = 0; c < candidates; c++) {
            weightedOut[c] = matchedOut[c] - CPU_DISCOUNT * cpuBlocks[c];
        }
    }

    private void ensureCapacity(int groups, int slots, int candidates) {
        if (active.length < groups) {
            active = new long[groups];
            words = new long[groups * Holders.WORDS_PER_GROUP];
        }
        if (candidateOfSlot.length < slots) {
            candidateOfSlot = new int[Math.max(slots, candidateOfSlot.length * 2)];
        }
        if (cpuBlocks.length < candidates) {
            cpuBlocks = new int[Math.max(candidates, cpuBlocks.length * 2)];
        }
    }
}
