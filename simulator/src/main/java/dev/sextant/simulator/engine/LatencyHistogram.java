package dev.sextant.simulator.engine;

import java.util.Arrays;

/**
 * A fixed-bucket histogram, as Prometheus keeps one: upper bounds, a count per bucket, a sum.
 * Not thread-safe; {@link #snapshot()} copies.
 */
final class LatencyHistogram {
    private final double[] bounds;
    private final long[] counts;
    private double sum;
    private long count;

    LatencyHistogram(double[] bounds) {
        this.bounds = bounds;
        counts = new long[bounds.length];
    }

    void observe(double value) {
        int i = Arrays.binarySearch(bounds, value);
        if (i < 0) {
            i = -i - 1;
        }
        if (i < counts.length) {
            counts[i]++;
        }
        sum += value;
        count++;
    }

    HistogramSnapshot snapshot() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i];
            cumulative[i] = running;
        }
        return new HistogramSnapshot(bounds.clone(), cumulative, count, sum);
    }

    /** vLLM's 1-2-5 series up to {@code max}: 1, 2, 5, 10, 20, 50, ... */
    static double[] oneTwoFive(int max) {
        double[] out = new double[64];
        int n = 0;
        for (long exp = 1; n < out.length; exp *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                long v = m * exp;
                if (v > max) {
                    return Arrays.copyOf(out, n);
                }
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
