package dev.sextant.plugins.datalayer.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which series to read from an exposition: a sample name and label values that must match exactly,
 * written as a PromQL instant-vector selector with equality matchers only, such as
 * {@code vllm:num_requests_waiting} or {@code nv_trt_llm_request_metrics{request_type="waiting"}}.
 * Label values may be written without quotes ({@code {request_type=waiting}}), as GIE accepts them.
 *
 * <p>The name is a sample name, so {@code vllm:e2e_request_latency_seconds_count} selects the
 * count series of that histogram. Immutable and thread-safe.
 */
public final class SeriesSelector {
    private final String name;
    private final String[] pairs;

    private SeriesSelector(String name, String[] pairs) {
        this.name = name;
        this.pairs = pairs;
    }

    /** Every series named {@code name}, whatever its labels. */
    public static SeriesSelector of(String name) {
        requireMetricName(name);
        return new SeriesSelector(name, new String[0]);
    }

    /** Series named {@code name} whose labels include every entry of {@code labels}. */
    public static SeriesSelector of(String name, Map<String, String> labels) {
        requireMetricName(name);
        Objects.requireNonNull(labels, "labels");
        String[] pairs = new String[labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!isLabelName(e.getKey())) {
                throw new IllegalArgumentException("label name: \"" + e.getKey()
                        + "\" (expected: letters, digits and _, not starting with a digit)");
            }
            pairs[i++] = e.getKey();
            pairs[i++] = Objects.requireNonNull(e.getValue(), "label value");
        }
        return new SeriesSelector(name, pairs);
    }

    /**
     * Parses a selector such as {@code name{label="value",other=value}}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static SeriesSelector parse(String text) {
        Objects.requireNonNull(text, "text");
        return new SelectorParser(text).parse();
    }

    /** The sample name to match. */
    public String name() {
        return name;
    }

    /** The labels every matching series must carry, with these values. */
    public Map<String, String> labels() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Whether a sample named {@code sampleName} with {@code labels} matches. */
    public boolean matches(String sampleName, Labels labels) {
        if (!name.equals(sampleName)) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!labels.contains(pairs[i], pairs[i + 1])) {
                return false;
            }
        }
        return true;
    }

    boolean matches(SampleTable table, int row) {
        if (!name.equals(table.names[row])) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(table.label(row, pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesSelector that && that.name.equals(name) && that.labels().equals(labels());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + labels().hashCode();
    }

    /** The selector in the syntax {@link #parse} reads, label values quoted. */
    @Override
    public String toString() {
        if (pairs.length == 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('{');
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(pairs[i]).append("=\"");
            Labels.appendEscaped(out, pairs[i + 1]);
            out.append('"');
        }
        return out.append('}').toString();
    }

    static boolean isMetricName(String s) {
        if (s.isEmpty() || !Ascii.isMetricNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Ascii.isMetricNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a valid Prometheus label name: letters, digits and _, not starting with a digit. */
    public static boolean isValidLabelName(String name) {
        return isLabelName(Objects.requireNonNull(name, "name"));
    }

    static boolean isLabelName(String s) {
        if (s.isEmpty() || !Ascii.isLabelNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Ascii.isLabelNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireMetricName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isMetricName(name)) {
            throw new IllegalArgumentException("metric name: \"" + name
                    + "\" (expected: letters, digits, _ and :, not starting with a digit)");
        }
    }

    /** Reads the selector syntax; one instance per call. */
    private static final class SelectorParser {
        private final String text;
        private int pos;

        SelectorParser(String text) {
            this.text = text;
        }

        SeriesSelector parse() {
            skipBlanks();
            int start = pos;
            while (pos < text.length() && Ascii.isMetricNameChar(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!isMetricName(name)) {
                throw invalid("a metric name first");
            }
            skipBlanks();
            Map<String, String> labels = new LinkedHashMap<>();
            if (pos < text.length() && text.charAt(pos) == '{') {
                pos++;
                readMatchers(labels);
                skipBlanks();
            }
            if (pos != text.length()) {
                throw invalid("nothing after the selector");
            }
            return of(name, labels);
        }

        private void readMatchers(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (pos < text.length() && text.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                int start = pos;
                while (pos < text.length() && Ascii.isLabelNameChar(text.charAt(pos))) {
                    pos++;
                }
                String label = text.substring(start, pos);
                if (!isLabelName(label)) {
                    throw invalid("a label name");
                }
                skipBlanks();
                if (pos >= text.length() || text.charAt(pos) != '=') {
                    throw invalid("= after " + label + "; only equality matchers are supported");
                }
                pos++;
                if (pos < text.length() && text.charAt(pos) == '~') {
                    throw invalid("= after " + label + "; only equality matchers are supported");
                }
                skipBlanks();
                String value = pos < text.length() && text.charAt(pos) == '"' ? quotedValue() : bareValue();
                if (labels.put(label, value) != null) {
                    throw invalid("label " + label + " once");
                }
                skipBlanks();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= text.length() || text.charAt(pos) != '}') {
                    throw invalid(", or } after the value of " + label);
                }
            }
        }

        private String quotedValue() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw invalid("a closing \" after the label value");
        }

        private String bareValue() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '}' || c == '"' || Character.isWhitespace(c)) {
                    break;
                }
                pos++;
            }
            if (start == pos) {
                throw invalid("a label value");
            }
            return text.substring(start, pos);
        }

        private void skipBlanks() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException invalid(String expected) {
            return new IllegalArgumentException("selector: \"" + text + "\" at position " + pos + " (expected: "
                    + expected + ", as in nv_trt_llm_request_metrics{request_type=\"waiting\"})");
        }
    }
}
