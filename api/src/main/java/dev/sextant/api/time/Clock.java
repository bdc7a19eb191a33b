package dev.sextant.api.time;

/**
 * The source of time for everything on the request and data paths.
 *
 * <p>Logic never reads {@code System.nanoTime()} or {@code Instant.now()} itself: it asks the
 * injected clock, so the same code runs in wall-clock time in production and in virtual time in the
 * simulator, and tests are deterministic.
 *
 * <p>Implementations must be thread-safe. {@link #nanos()} is monotonic: it never goes backwards.
 */
public interface Clock {

    /**
     * Monotonic time in nanoseconds from an arbitrary origin. Only differences between two readings
     * of the same clock are meaningful.
     */
    long nanos();

    /** Wall-clock time in milliseconds since the Unix epoch, for timestamps shown to people. */
    long epochMillis();

    /** The clock of the machine: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
