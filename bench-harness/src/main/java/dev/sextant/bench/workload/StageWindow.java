package dev.sextant.bench.workload;

/**
 * Where a stage lies in a run, for reports.
 *
 * @param index the stage's position, from 0
 * @param startNanos when it starts, from the start of the run
 * @param endNanos when it ends
 * @param offeredRate the arrivals per second it offers
 */
public record StageWindow(int index, long startNanos, long endNanos, double offeredRate) {

    public StageWindow {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos: " + endNanos + " (expected: >= startNanos " + startNanos + ")");
        }
    }

    /** The stage's length in seconds. */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
