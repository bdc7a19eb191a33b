package dev.sextant.plugins.datalayer.prometheus;

/** Character classes of the text format's names, looked up in a table: one load per byte on the hot path. */
final class Ascii {
    private static final byte METRIC_START = 1;
    private static final byte METRIC_CHAR = 2;
    private static final byte LABEL_START = 4;
    private static final byte LABEL_CHAR = 8;
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 128; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            int classes = 0;
            if (letter || c == ':') {
                classes |= METRIC_START | METRIC_CHAR;
            }
            if (digit) {
                classes |= METRIC_CHAR | LABEL_CHAR;
            }
            if (letter) {
                classes |= LABEL_START | LABEL_CHAR;
            }
            CLASSES[c] = (byte) classes;
        }
    }

    private Ascii() {}

    /** Whether {@code c} (a byte, sign-extended, or a char) is an ASCII character of {@code kind}. */
    private static boolean is(int c, byte kind) {
        return c >= 0 && c < 0x80 && (CLASSES[c] & kind) != 0;
    }

    static boolean isMetricNameStart(int c) {
        return is(c, METRIC_START);
    }

    static boolean isMetricNameChar(int c) {
        return is(c, METRIC_CHAR);
    }

    static boolean isLabelNameStart(int c) {
        return is(c, LABEL_START);
    }

    static boolean isLabelNameChar(int c) {
        return is(c, LABEL_CHAR);
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }
}
