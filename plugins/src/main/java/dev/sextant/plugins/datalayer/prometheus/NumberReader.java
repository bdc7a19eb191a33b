package dev.sextant.plugins.datalayer.prometheus;

import java.nio.charset.StandardCharsets;

/**
 * Reads the numbers of the text format straight from bytes: sample values as Go's
 * {@code strconv.ParseFloat} accepts them (decimal and hexadecimal floats, {@code NaN},
 * {@code Inf}, {@code +Inf}, {@code -Inf}, {@code Infinity}, any case) and timestamps as signed
 * 64-bit integers.
 *
 * <p>Most values of real expositions ({@code 0.0}, {@code 7281}, {@code 9.75010481363281e-06}) have
 * at most 15 significant digits and a small exponent; they are converted exactly and without
 * allocation (one multiplication or division of two exactly representable doubles is correctly
 * rounded). Longer ones go through {@link Double#parseDouble}, which is correctly rounded too.
 *
 * <p>Not thread-safe: one instance per parse; the result of the last successful read is in
 * {@link #value} or {@link #integer}.
 */
final class NumberReader {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final int MAX_MANTISSA_DIGITS = 18;

    /** The value read by the last successful {@link #readFloat}. */
    double value;

    /** The value read by the last successful {@link #readInt64}. */
    long integer;

    private byte[] scratch = new byte[32];

    /** Reads the float {@code text[from, to)} into {@link #value}; false if it is not one. */
    boolean readFloat(byte[] text, int from, int to) {
        if (from >= to) {
            return false;
        }
        int p = from;
        boolean negative = false;
        if (text[p] == '+' || text[p] == '-') {
            negative = text[p] == '-';
            p++;
        }
        if (p >= to) {
            return false;
        }
        byte first = text[p];
        if (first == 'i' || first == 'I') {
            if (equalsIgnoreCase(text, p, to, "inf") || equalsIgnoreCase(text, p, to, "infinity")) {
                value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                return true;
            }
            return false;
        }
        if (first == 'n' || first == 'N') {
            // Go accepts NaN without a sign only.
            if (p == from && equalsIgnoreCase(text, p, to, "nan")) {
                value = Double.NaN;
                return true;
            }
            return false;
        }
        if (first == '0' && p + 1 < to && (text[p + 1] == 'x' || text[p + 1] == 'X')) {
            return readHexFloat(text, from, p + 2, to);
        }
        return readDecimal(text, from, p, to, negative);
    }

    private boolean readDecimal(byte[] text, int from, int p, int to, boolean negative) {
        long mantissa = 0;
        int significantDigits = 0;
        int droppedDigits = 0;
        int fractionDigits = 0;
        boolean anyDigit = false;
        boolean inFraction = false;
        for (; p < to; p++) {
            byte c = text[p];
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (mantissa == 0 && c == '0') {
                    // Leading zeros are not significant, but in the fraction they still shift the point.
                } else if (significantDigits < MAX_MANTISSA_DIGITS) {
                    mantissa = mantissa * 10 + (c - '0');
                    significantDigits++;
                } else {
                    droppedDigits++;
                }
                if (inFraction) {
                    fractionDigits++;
                }
            } else if (c == '.' && !inFraction) {
                inFraction = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return false;
        }
        long exponent = 0;
        if (p < to) {
            if (text[p] != 'e' && text[p] != 'E') {
                return false;
            }
            p++;
            boolean negativeExponent = false;
            if (p < to && (text[p] == '+' || text[p] == '-')) {
                negativeExponent = text[p] == '-';
                p++;
            }
            if (p >= to) {
                return false;
            }
            for (; p < to; p++) {
                byte c = text[p];
                if (c < '0' || c > '9') {
                    return false;
                }
                // Saturate: beyond this any double is 0 or infinite, and the exact value no longer matters.
                exponent = Math.min(exponent * 10 + (c - '0'), 1_000_000);
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (mantissa == 0) {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        long exponent10 = exponent - fractionDigits;
        if (droppedDigits == 0 && mantissa <= MAX_EXACT_MANTISSA && exponent10 >= -22 && exponent10 <= 22) {
            double m = mantissa;
            double v = exponent10 >= 0 ? m * POWERS_OF_TEN[(int) exponent10] : m / POWERS_OF_TEN[(int) -exponent10];
            value = negative ? -v : v;
            return true;
        }
        value = Double.parseDouble(new String(text, from, to - from, StandardCharsets.ISO_8859_1));
        return true;
    }

    /** Hexadecimal floats as Go writes them: {@code 0x1.8p3}; the binary exponent is required. */
    private boolean readHexFloat(byte[] text, int from, int p, int to) {
        boolean anyDigit = false;
        boolean inFraction = false;
        for (; p < to; p++) {
            byte c = text[p];
            if (Character.digit(c, 16) >= 0) {
                anyDigit = true;
            } else if (c == '.' && !inFraction) {
                inFraction = true;
            } else {
                break;
            }
        }
        if (!anyDigit || p >= to || (text[p] != 'p' && text[p] != 'P')) {
            return false;
        }
        p++;
        if (p < to && (text[p] == '+' || text[p] == '-')) {
            p++;
        }
        if (p >= to) {
            return false;
        }
        for (; p < to; p++) {
            if (text[p] < '0' || text[p] > '9') {
                return false;
            }
        }
        value = Double.parseDouble(new String(text, from, to - from, StandardCharsets.ISO_8859_1));
        return true;
    }

    /** Reads the float written as {@code text} (a label value such as {@code le}) into {@link #value}. */
    boolean readFloat(String text) {
        int length = text.length();
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return false;
            }
            scratch[i] = (byte) c;
        }
        return readFloat(scratch, 0, length);
    }

    /** Reads the signed decimal integer {@code text[from, to)} into {@link #integer}; false on overflow. */
    boolean readInt64(byte[] text, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (text[p] == '+' || text[p] == '-')) {
            negative = text[p] == '-';
            p++;
        }
        if (p >= to) {
            return false;
        }
        // Accumulate negatively so that Long.MIN_VALUE is reachable without overflow.
        long result = 0;
        for (; p < to; p++) {
            byte c = text[p];
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            if (result < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            result = result * 10 - digit;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                return false;
            }
            result = -result;
        }
        integer = result;
        return true;
    }

    private static boolean equalsIgnoreCase(byte[] text, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase((char) (text[from + i] & 0xff)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A value as the text format writes it: {@code NaN}, {@code +Inf}, {@code -Inf} or Java's shortest form. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
