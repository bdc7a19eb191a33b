package dev.sextant.plugins.datalayer.metrics;

/** Turns metric values and label texts into the counts endpoint metrics hold. */
final class Counts {
    private Counts() {}

    /** {@code text} as an integer in 0..Integer.MAX_VALUE, or -1 if it is not one. */
    static int parseNonNegativeInt(String text) {
        long value = parseNonNegativeLong(text);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** {@code text} as an integer in 0..Long.MAX_VALUE, or -1 if it is not one (such as vLLM's {@code None}). */
    static long parseNonNegativeLong(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether {@code value} can be a count: finite and not negative. */
    static boolean isCount(double value) {
        return Double.isFinite(value) && value >= 0;
    }

    /** A count from a metric value, rounded, and capped at Integer.MAX_VALUE. */
    static int toInt(double value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(value));
    }

    /** A count from a metric value, rounded, and capped at Long.MAX_VALUE. */
    static long toLong(double value) {
        return Math.round(value);
    }
}
