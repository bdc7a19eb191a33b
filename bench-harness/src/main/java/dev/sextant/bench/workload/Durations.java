package dev.sextant.bench.workload;

import dev.sextant.api.plugin.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Durations as workloads write them: Go syntax ({@code 20s}, {@code 1m30s}) or a bare number of seconds. */
public final class Durations {
    private Durations() {}

    /** The duration in {@code text}: a Go duration or a non-negative number of seconds; empty when neither. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Duration> go = GoDuration.parse(text);
        if (go.isPresent()) {
            return go;
        }
        try {
            BigDecimal seconds = new BigDecimal(text.strip());
            if (seconds.signum() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A short form for people: {@code 20s}, {@code 1.5s}, {@code 250ms}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0 && nanos < 1_000_000_000L) {
            return nanos / 1_000_000L + "ms";
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9).replaceAll("0+s$", "s");
    }

    /** A rate without a needless fraction: {@code 3}, {@code 2.5}. */
    static String formatRate(double rate) {
        return rate == Math.rint(rate) && Math.abs(rate) < 1e15
                ? Long.toString((long) rate) : Double.toString(rate);
    }
}
