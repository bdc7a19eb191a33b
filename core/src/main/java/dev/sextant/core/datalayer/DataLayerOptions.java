package dev.sextant.core.datalayer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the data layer collects: polling interval, per-poll timeout, when an endpoint turns
 * unhealthy, how far polling backs off from a failing endpoint, and when metrics count as stale.
 *
 * @param refreshInterval time between polls of one endpoint (GIE's default: 50 ms)
 * @param timeout a poll that takes longer fails
 * @param failureThreshold consecutive failed polls that make an endpoint unhealthy
 * @param maxBackoff the longest wait between polls of an unhealthy endpoint
 * @param stalenessThreshold metrics older than this are stale (shown by the admin server; the
 *     saturation detector has its own threshold)
 */
public record DataLayerOptions(Duration refreshInterval, Duration timeout, int failureThreshold, Duration maxBackoff,
        Duration stalenessThreshold) {

    /** The defaults: 50 ms, 5 s, 3 failures, 5 s, 2 s. */
    public static final DataLayerOptions DEFAULTS = new DataLayerOptions(Duration.ofMillis(50), Duration.ofSeconds(5),
            3, Duration.ofSeconds(5), Duration.ofSeconds(2));

    public DataLayerOptions {
        positive(refreshInterval, "refreshInterval");
        positive(timeout, "timeout");
        positive(maxBackoff, "maxBackoff");
        positive(stalenessThreshold, "stalenessThreshold");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold: " + failureThreshold + " (expected: >= 1)");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    /** The wait before the next poll of an endpoint that has failed {@code failures} times in a row. */
    long nextDelayNanos(int failures) {
        long base = refreshInterval.toNanos();
        if (failures < failureThreshold) {
            return base;
        }
        int doublings = Math.min(30, failures - failureThreshold + 1);
        long backoff = base << doublings;
        return backoff <= 0 ? maxBackoff.toNanos() : Math.min(maxBackoff.toNanos(), backoff);
    }
}
