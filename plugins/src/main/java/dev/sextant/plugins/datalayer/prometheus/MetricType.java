package dev.sextant.plugins.datalayer.prometheus;

/** The type a {@code # TYPE} line gives a metric family; {@link #UNTYPED} when it has none. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    SUMMARY("summary"),
    UNTYPED("untyped");

    private static final MetricType[] ALL = values();

    private final String keyword;

    MetricType(String keyword) {
        this.keyword = keyword;
    }

    /** The word the text format uses for this type, e.g. {@code gauge}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The type named by the ASCII bytes {@code text[from, to)}, or {@code null} if they name none.
     * OpenMetrics' {@code unknown} is read as {@link #UNTYPED}.
     */
    static MetricType fromKeyword(byte[] text, int from, int to) {
        for (MetricType type : ALL) {
            if (equalsAscii(text, from, to, type.keyword)) {
                return type;
            }
        }
        return equalsAscii(text, from, to, "unknown") ? UNTYPED : null;
    }

    private static boolean equalsAscii(byte[] text, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
