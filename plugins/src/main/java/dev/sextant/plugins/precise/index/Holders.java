package dev.sextant.plugins.precise.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which endpoints hold one block, and on which tier: a {@code long[]} of two bit words per group of 64
 * endpoint slots ({@code [2g] GPU, [2g+1] CPU}), slot {@code s} being bit {@code s & 63} of group
 * {@code s >>> 6}. A speculative holder is a GPU bit ({@link SpeculativeMarks} remembers which bits are only
 * speculative), so readers need no third word. The writer changes words in place with release stores and
 * replaces the array (through the table) only to grow it; readers load words with acquire.
 */
final class Holders {
    static final int GPU = 0;
    static final int CPU = 1;
    static final int WORDS_PER_GROUP = 2;

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private Holders() {}

    /** Word {@code i} as a reader sees it. */
    static long read(long[] holders, int i) {
        return (long) WORDS.getAcquire(holders, i);
    }

    static void write(long[] holders, int i, long value) {
        WORDS.setRelease(holders, i, value);
    }

    /** A holders array with room for word {@code word}, copying {@code from} (may be null). */
    static long[] grow(long[] from, int word) {
        int needed = (word / WORDS_PER_GROUP + 1) * WORDS_PER_GROUP;
        if (from != null && from.length >= needed) {
            return from;
        }
        long[] out = new long[needed];
        if (from != null) {
            for (int i = 0; i < from.length; i++) {
                out[i] = read(from, i);
            }
        }
        return out;
    }

    static int word(int slot, int tier) {
        return (slot >>> 6) * WORDS_PER_GROUP + tier;
    }

    /** Whether no endpoint holds the block on any tier. */
    static boolean isEmpty(long[] holders) {
        for (int i = 0; i < holders.length; i++) {
            if (read(holders, i) != 0) {
                return false;
            }
        }
        return true;
    }
}
