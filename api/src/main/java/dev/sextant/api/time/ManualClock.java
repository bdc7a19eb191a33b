package dev.sextant.api.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to: for tests and for virtual-time simulation.
 *
 * <p>Thread-safe. Starts at {@code nanos() == 0} and epoch millisecond {@code epochMillisAtZero}.
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong();
    private final long epochMillisAtZero;

    /** A manual clock whose wall time starts at the Unix epoch. */
    public ManualClock() {
        this(0L);
    }

    /** A manual clock whose wall time reads {@code epochMillisAtZero} when {@code nanos() == 0}. */
    public ManualClock(long epochMillisAtZero) {
        this.epochMillisAtZero = epochMillisAtZero;
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public long epochMillis() {
        return epochMillisAtZero + nanos.get() / 1_000_000L;
    }

    /** Moves the clock forward by {@code duration} (which must not be negative). */
    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    /** Moves the clock forward by {@code delta} nanoseconds (which must not be negative). */
    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("delta: " + delta + " (expected: >= 0)");
        }
        nanos.addAndGet(delta);
    }

    /** Sets the clock to {@code value} nanoseconds, which must not be earlier than the current reading. */
    public void setNanos(long value) {
        long current = nanos.get();
        if (value < current) {
            throw new IllegalArgumentException("nanos: " + value + " (expected: >= " + current + ")");
        }
        nanos.set(value);
    }

    @Override
    public String toString() {
        return "ManualClock{nanos=" + nanos.get() + '}';
    }
}
