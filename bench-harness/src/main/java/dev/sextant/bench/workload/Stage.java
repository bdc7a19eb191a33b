package dev.sextant.bench.workload;

import java.time.Duration;
import java.util.Objects;

/**
 * A span of constant offered load: Poisson arrivals at {@code rate} per second for {@code duration}.
 *
 * @param rate arrivals per second, &ge; 0 (0 is an idle pause)
 * @param duration how long the stage lasts, &gt; 0
 */
public record Stage(double rate, Duration duration) {

    public Stage {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: >= 0)");
        }
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
    }

    /** The arrivals the stage offers on average. */
    public double expectedArrivals() {
        return rate * duration.toNanos() / 1e9;
    }

    /**
     * Parses {@code RATExDURATION}, e.g. {@code 3x20s} (3 requests/s for 20 seconds).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static Stage parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int x = s.indexOf('x');
        if (x <= 0 || x == s.length() - 1) {
            throw new IllegalArgumentException("stage: \"" + text + "\" (expected: RATExDURATION such as 3x20s)");
        }
        double rate;
        try {
            rate = Double.parseDouble(s.substring(0, x));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stage: \"" + text + "\": rate is not a number (expected: RATExDURATION such as 3x20s)");
        }
        Duration duration = Durations.parse(s.substring(x + 1))
                .orElseThrow(() -> new IllegalArgumentException("stage: \"" + text
                        + "\": duration is not a duration (expected: RATExDURATION such as 3x20s)"));
        try {
            return new Stage(rate, duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stage: \"" + text + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return Durations.formatRate(rate) + "x" + Durations.format(duration);
    }
}
