package dev.sextant.api.plugin;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Parses durations in the syntax of Go's {@code time.ParseDuration}, which Kubernetes and GIE
 * configurations use: a sequence of decimal numbers each with a unit ({@code ns}, {@code us},
 * {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), e.g. {@code 200ms} or {@code 1h2m0.5s}.
 * A bare {@code 0} is zero. Negative durations are refused: no setting of ours wants one.
 */
public final class GoDuration {
    private GoDuration() {}

    /** The duration written in {@code text}, or empty if it is not a valid non-negative duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return Optional.empty();
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unitNanos < 0) {
                return Optional.empty();
            }
            totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(totalNanos.longValue()));
    }

    /** Formats a duration the way Go prints it ({@code 200ms}, {@code 1m30s}, {@code 0s}). */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return trim(BigDecimal.valueOf(nanos, 3)) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return trim(BigDecimal.valueOf(nanos, 6)) + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest %= 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(trim(BigDecimal.valueOf(rest, 9))).append('s');
        return out.toString();
    }

    private static String trim(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
