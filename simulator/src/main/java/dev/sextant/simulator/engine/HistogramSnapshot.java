package dev.sextant.simulator.engine;

/**
 * A histogram at one moment, in Prometheus terms.
 *
 * @param upperBounds bucket upper bounds, ascending, without +Inf
 * @param cumulativeCounts observations &le; each bound (same length as the bounds)
 * @param count all observations (the +Inf bucket)
 * @param sum sum of all observations
 */
public record HistogramSnapshot(double[] upperBounds, long[] cumulativeCounts, long count, double sum) {}
