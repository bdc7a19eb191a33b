package dev.sextant.plugins.datalayer.prometheus;

/** Character classes of the text format's names. */
final class Ascii {
    private Ascii() {}

    static boolean isMetricNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    static boolean isMetricNameChar(int c) {
        return isMetricNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isLabelNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isLabelNameChar(int c) {
        return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }
}
