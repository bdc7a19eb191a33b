package dev.sextant.bench.metrics;

import org.HdrHistogram.Histogram;

/**
 * Nanosecond latencies kept in an HdrHistogram (three significant digits, from 1 µs to a day), summarised as
 * {@link Percentiles} in seconds. Not thread-safe.
 */
final class LatencyRecorder {
    private static final long LOWEST = 1_000L;
    private static final long HIGHEST = 86_400_000_000_000L;

    private final Histogram histogram = new Histogram(LOWEST, HIGHEST, 3);
    private long sumNanos;

    void record(long nanos) {
        long v = Math.min(HIGHEST, Math.max(LOWEST, nanos));
        histogram.recordValue(v);
        sumNanos += Math.max(0, nanos);
    }

    void addAll(LatencyRecorder other) {
        histogram.add(other.histogram);
        sumNanos += other.sumNanos;
    }

    long count() {
        return histogram.getTotalCount();
    }

    long sumNanos() {
        return sumNanos;
    }

    Percentiles summary() {
        long n = histogram.getTotalCount();
        if (n == 0) {
            return Percentiles.EMPTY;
        }
        return new Percentiles(n, sumNanos / 1e9 / n, seconds(50), seconds(90), seconds(99),
                histogram.getMaxValue() / 1e9);
    }

    private double seconds(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e9;
    }
}
