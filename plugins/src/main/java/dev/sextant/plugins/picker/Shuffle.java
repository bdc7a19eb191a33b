package dev.sextant.plugins.picker;

import java.util.random.RandomGenerator;

/** Random permutations of candidate indices. */
final class Shuffle {
    private Shuffle() {}

    /** 0..n-1 in uniformly random order (Fisher–Yates). */
    static int[] indices(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
