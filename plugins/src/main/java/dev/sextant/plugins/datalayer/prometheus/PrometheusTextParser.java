package dev.sextant.plugins.datalayer.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses the Prometheus text exposition format 0.0.4, the {@code /metrics} output of vLLM, SGLang,
 * Triton and every {@code prometheus_client} exporter.
 *
 * <p>What it accepts: {@code # HELP} and {@code # TYPE} lines (a {@code TYPE} without {@code HELP}
 * too), other {@code #} lines as comments, blank lines, {@code \r\n} line ends, a missing final
 * newline; labels in any order, with escaped values ({@code \\}, {@code \"}, {@code \n}) in UTF-8;
 * values as Go reads them ({@code NaN}, {@code +Inf}, {@code -Inf}, exponents, hexadecimal);
 * optional millisecond timestamps; histograms and summaries whose {@code _bucket}, {@code _sum} and
 * {@code _count} lines come in any order, with or without a {@code +Inf} bucket; {@code _created}
 * series as the families of their own that {@code prometheus_client} writes.
 *
 * <p>What it does with the rest: a malformed line (bad name, bad escape, invalid UTF-8 in a label
 * value, a value that is not a number, a duplicate label, a histogram bucket without {@code le}, a
 * second {@code TYPE} for a family...) is skipped and counted; the other lines are kept. Only a
 * text in which not a single line is valid is refused, with {@link PrometheusParseException}; no
 * other exception escapes for any input. Memory is linear in the input and the work is one pass,
 * so callers bound both by capping the input size.
 *
 * <p>Thread-safe and allocation-light: samples are stored by column, and names, label values and
 * help texts that repeat from one scrape to the next are shared through a bounded cache.
 */
public final class PrometheusTextParser {
    private PrometheusTextParser() {}

    /**
     * Parses a whole UTF-8 exposition.
     *
     * @throws PrometheusParseException if no line of it is valid (and at least one is malformed)
     */
    public static ParsedMetrics parse(byte[] text) {
        Objects.requireNonNull(text, "text");
        return parse(text, 0, text.length);
    }

    /**
     * Parses the UTF-8 exposition in {@code text[offset, offset + length)}. The array is not kept.
     *
     * @throws PrometheusParseException if no line of it is valid (and at least one is malformed)
     */
    public static ParsedMetrics parse(byte[] text, int offset, int length) {
        Objects.requireNonNull(text, "text");
        Objects.checkFromIndexSize(offset, length, text.length);
        return new ExpositionReader(text, offset, length, StringCache.SHARED).read();
    }

    /**
     * Parses the UTF-8 exposition in {@code text[offset, offset + length)}, keeping only the samples
     * named in {@code wanted}. The other samples are checked only for a numeric value (so that a page
     * of garbage is still refused) and cost little more than reading their bytes; {@code TYPE} and
     * {@code HELP} lines are read as usual.
     *
     * @throws PrometheusParseException if no line of it is valid (and at least one is malformed)
     */
    public static ParsedMetrics parse(byte[] text, int offset, int length, SampleNames wanted) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(wanted, "wanted");
        Objects.checkFromIndexSize(offset, length, text.length);
        return new ExpositionReader(text, offset, length, StringCache.SHARED, wanted).read();
    }

    /**
     * Parses an exposition held as text; a convenience that encodes it to UTF-8 first.
     *
     * @throws PrometheusParseException if no line of it is valid (and at least one is malformed)
     */
    public static ParsedMetrics parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return parse(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
