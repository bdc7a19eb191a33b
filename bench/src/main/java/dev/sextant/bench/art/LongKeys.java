package dev.sextant.bench.art;

import java.util.SplittableRandom;

/** libart's two 64-bit key sets: 0..n-1 ("dense") and n distinct random longs ("random"). */
public enum LongKeys {
    DENSE, RANDOM;

    static final int COUNT = 1_000_000;

    /** The keys in insertion order. */
    long[] make() {
        long[] keys = new long[COUNT];
        if (this == DENSE) {
            for (int i = 0; i < COUNT; i++) {
                keys[i] = i;
            }
            return keys;
        }
        SplittableRandom random = new SplittableRandom(64);
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < COUNT; ) {
            long k = random.nextLong();
            if (seen.add(k)) {
                keys[i++] = k;
            }
        }
        return keys;
    }

    /** A random permutation of the keys, for lookups that jump around the map. */
    static long[] shuffled(long[] keys) {
        long[] copy = keys.clone();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }
}
