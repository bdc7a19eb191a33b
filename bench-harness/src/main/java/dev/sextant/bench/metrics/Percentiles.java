package dev.sextant.bench.metrics;

/**
 * A latency distribution in seconds; all zero when nothing was recorded.
 *
 * @param count values recorded
 * @param mean the mean
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest value
 */
public record Percentiles(long count, double mean, double p50, double p90, double p99, double max) {

    /** Nothing recorded. */
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);
}
