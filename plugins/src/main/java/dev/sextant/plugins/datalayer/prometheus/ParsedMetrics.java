package dev.sextant.plugins.datalayer.prometheus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one Prometheus text exposition said: its metric families by name, each with its samples,
 * and how many lines were malformed and skipped.
 *
 * <p>The lookups take a {@link SeriesSelector} (a sample name and required label values) and read
 * every matching series. A family that is absent, or present without samples, gives an empty
 * result: missing, never 0.
 *
 * <p>Immutable and thread-safe. Made by {@link PrometheusTextParser}.
 */
public final class ParsedMetrics {
    /** An exposition without any family. */
    public static final ParsedMetrics EMPTY = new ParsedMetrics(SampleTable.EMPTY, List.of(), Map.of(), 0, null);

    private final SampleTable table;
    private final List<MetricFamily> families;
    private final Map<String, MetricFamily> byName;
    private final int skippedLines;
    private final String firstProblem;

    ParsedMetrics(SampleTable table, List<MetricFamily> families, Map<String, MetricFamily> byName,
            int skippedLines, String firstProblem) {
        this.table = table;
        this.families = families;
        this.byName = byName;
        this.skippedLines = skippedLines;
        this.firstProblem = firstProblem;
    }

    /** Every family, in the order the exposition first named it. */
    public List<MetricFamily> families() {
        return families;
    }

    /** The family called {@code name} (the name of its {@code TYPE} line), if the exposition has it. */
    public Optional<MetricFamily> family(String name) {
        return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
    }

    /** Number of samples in all families. */
    public int sampleCount() {
        return table.size;
    }

    /** Number of malformed lines that were skipped. */
    public int skippedLines() {
        return skippedLines;
    }

    /** Why the first skipped line was skipped, with its line number; empty when none was. */
    public Optional<String> firstProblem() {
        return Optional.ofNullable(firstProblem);
    }

    /** Every series that {@code selector} matches, in exposition order. */
    public List<Sample> series(SeriesSelector selector) {
        MetricFamily family = familyOf(selector);
        if (family == null) {
            return List.of();
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            int row = family.row(i);
            if (selector.matches(table, row)) {
                out.add(table.sample(row));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Number of series that {@code selector} matches. */
    public int count(SeriesSelector selector) {
        MetricFamily family = familyOf(selector);
        int count = 0;
        for (int i = 0; family != null && i < family.size(); i++) {
            if (selector.matches(table, family.row(i))) {
                count++;
            }
        }
        return count;
    }

    /**
     * The matching series with the newest timestamp; without timestamps, the first one written.
     * This is how GIE's extractor picks one series of a selector.
     */
    public Optional<Sample> latest(SeriesSelector selector) {
        int row = latestRow(selector);
        return row < 0 ? Optional.empty() : Optional.of(table.sample(row));
    }

    /** The value of {@link #latest}. */
    public OptionalDouble value(SeriesSelector selector) {
        int row = latestRow(selector);
        return row < 0 ? OptionalDouble.empty() : OptionalDouble.of(table.values[row]);
    }

    /** The value of {@link #latest} for every series named {@code name}. */
    public OptionalDouble value(String name) {
        return value(SeriesSelector.of(name));
    }

    /** The sum over the matching series (NaN if one of them is NaN); empty when none matches. */
    public OptionalDouble sum(SeriesSelector selector) {
        MetricFamily family = familyOf(selector);
        double sum = 0;
        int count = 0;
        for (int i = 0; family != null && i < family.size(); i++) {
            int row = family.row(i);
            if (selector.matches(table, row)) {
                sum += table.values[row];
                count++;
            }
        }
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }

    /** The mean over the matching series (NaN if one of them is NaN); empty when none matches. */
    public OptionalDouble mean(SeriesSelector selector) {
        OptionalDouble sum = sum(selector);
        return sum.isEmpty() ? sum : OptionalDouble.of(sum.getAsDouble() / count(selector));
    }

    /**
     * The matching series with the largest value, the first one on ties; NaN values are ignored.
     * For info gauges whose value is a timestamp, such as vLLM's {@code vllm:lora_requests_info},
     * that is the newest series.
     */
    public Optional<Sample> newestByValue(SeriesSelector selector) {
        MetricFamily family = familyOf(selector);
        int best = -1;
        for (int i = 0; family != null && i < family.size(); i++) {
            int row = family.row(i);
            if (selector.matches(table, row) && !Double.isNaN(table.values[row])
                    && (best < 0 || table.values[row] > table.values[best])) {
                best = row;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(table.sample(best));
    }

    private int latestRow(SeriesSelector selector) {
        MetricFamily family = familyOf(selector);
        int best = -1;
        for (int i = 0; family != null && i < family.size(); i++) {
            int row = family.row(i);
            if (selector.matches(table, row) && (best < 0 || table.timestamp(row) > table.timestamp(best))) {
                best = row;
            }
        }
        return best;
    }

    /**
     * The family holding samples named like the selector: the family of that name, or for
     * {@code x_bucket}, {@code x_sum} and {@code x_count} the histogram or summary {@code x}.
     */
    private MetricFamily familyOf(SeriesSelector selector) {
        String name = selector.name();
        MetricFamily family = byName.get(name);
        if (family != null) {
            return family;
        }
        for (HistogramSuffix suffix : HistogramSuffix.ALL) {
            String base = suffix.baseOf(name);
            if (base != null) {
                MetricFamily candidate = byName.get(base);
                if (candidate != null && suffix.allowedIn(candidate.type())) {
                    return candidate;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ParsedMetrics{families=" + families.size() + ", samples=" + table.size + ", skippedLines="
                + skippedLines + '}';
    }
}
