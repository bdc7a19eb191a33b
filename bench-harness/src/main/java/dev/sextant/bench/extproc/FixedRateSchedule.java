package dev.sextant.bench.extproc;

/**
 * When each request of an open-loop run is meant to be sent: request {@code i} at {@code i / rate} seconds after
 * the start, computed from the index rather than by adding intervals, so rounding never drifts. Latencies of an
 * open-loop run are measured from these intended times, not from when the generator got round to sending, so a
 * picker that stalls is charged for every request the stall delayed (no coordinated omission).
 */
public final class FixedRateSchedule {
    private final double ratePerSecond;

    /** @param ratePerSecond requests per second, {@code > 0} */
    public FixedRateSchedule(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: > 0)");
        }
        this.ratePerSecond = ratePerSecond;
    }

    /** Requests per second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Nanoseconds after the start at which request {@code index} (from 0) is meant to be sent. */
    public long intendedNanos(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        return Math.round(index * 1e9 / ratePerSecond);
    }
}
