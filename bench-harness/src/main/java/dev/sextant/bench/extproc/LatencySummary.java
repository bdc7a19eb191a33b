package dev.sextant.bench.extproc;

/**
 * A latency distribution in nanoseconds; all zero when nothing was recorded. Percentiles come from an
 * HdrHistogram with three significant digits, so each is exact to 0.1 %.
 *
 * @param count values recorded
 * @param meanNanos the mean (exact, not from the histogram's buckets)
 * @param p50Nanos the median
 * @param p90Nanos the 90th percentile
 * @param p99Nanos the 99th percentile
 * @param p999Nanos the 99.9th percentile
 * @param maxNanos the largest value
 */
public record LatencySummary(long count, double meanNanos, long p50Nanos, long p90Nanos, long p99Nanos,
        long p999Nanos, long maxNanos) {

    /** Nothing recorded. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);
}
