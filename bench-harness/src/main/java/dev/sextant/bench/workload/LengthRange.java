package dev.sextant.bench.workload;

import java.util.random.RandomGenerator;

/**
 * A token count drawn uniformly from {@code [min, max]}; a fixed count when they are equal.
 *
 * @param min the smallest count, &ge; 1
 * @param max the largest count, &ge; min
 */
public record LengthRange(int min, int max) {

    public LengthRange {
        if (min < 1) {
            throw new IllegalArgumentException("min: " + min + " (expected: >= 1)");
        }
        if (max < min) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
        }
    }

    /** Exactly {@code n} tokens. */
    public static LengthRange of(int n) {
        return new LengthRange(n, n);
    }

    /** A count from the range. */
    public int draw(RandomGenerator random) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    /** The mean count. */
    public double mean() {
        return (min + (double) max) / 2;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
