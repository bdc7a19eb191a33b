package dev.sextant.plugins.datalayer.prometheus;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One metric family of an exposition: its name, type and help text, and its samples in the order
 * they were written. The samples of a histogram or summary family are its {@code _bucket},
 * {@code _sum}, {@code _count} (and quantile) lines, each with its full name.
 *
 * <p>A family announced by {@code # HELP} or {@code # TYPE} but without any sample is kept, with
 * {@link #isEmpty()} true: the exporter knows the metric but has no value for it, which is not 0.
 *
 * <p>Immutable and thread-safe once its parse has returned. (The parser fills it in place, which
 * saves a copy per family on every scrape; the {@link ParsedMetrics} that holds it in final fields
 * publishes it safely.)
 */
public final class MetricFamily {
    private final String name;
    private MetricType type = MetricType.UNTYPED;
    private boolean typeDeclared;
    private String help = "";
    private boolean helpDeclared;
    private SampleTable table = SampleTable.EMPTY;
    private int first;
    private int last;
    private int size;
    /** The rows of this family when they are not one contiguous run; {@code null} while they are. */
    private int[] rows;

    MetricFamily(String name) {
        this.name = name;
    }

    /** The family's name as its {@code TYPE} line (or, without one, its samples) gave it. */
    public String name() {
        return name;
    }

    /** The declared type; {@link MetricType#UNTYPED} without a {@code TYPE} line. */
    public MetricType type() {
        return type;
    }

    /** The {@code HELP} text, unescaped; empty without a {@code HELP} line. */
    public String help() {
        return help;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Whether the family has no sample at all: announced, but missing. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The {@code index}-th sample, in exposition order. */
    public Sample sample(int index) {
        return table.sample(row(index));
    }

    /** The samples in exposition order, as a list that makes each {@link Sample} when it is read. */
    public List<Sample> samples() {
        return new AbstractList<>() {
            @Override
            public Sample get(int index) {
                return sample(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The row in the sample table of the {@code index}-th sample. */
    int row(int index) {
        Objects.checkIndex(index, size);
        return rows == null ? first + index : rows[index];
    }

    SampleTable table() {
        return table;
    }

    // What the parser uses while it reads the exposition.

    boolean typeDeclared() {
        return typeDeclared;
    }

    void declareType(MetricType declared) {
        type = declared;
        typeDeclared = true;
    }

    boolean helpDeclared() {
        return helpDeclared;
    }

    void declareHelp(String text) {
        help = text;
        helpDeclared = true;
    }

    /** Whether a sample called {@code sampleName} joins this family through a suffix its type allows. */
    boolean takesSuffixed(String sampleName) {
        for (HistogramSuffix suffix : HistogramSuffix.ALL) {
            if (suffix.allowedIn(type) && suffix.joins(name, sampleName)) {
                return true;
            }
        }
        return false;
    }

    void addRow(int row) {
        if (size == 0) {
            first = row;
        } else if (rows != null || row != last + 1) {
            // Samples of the family came in several runs: from now on, list every row.
            if (rows == null) {
                rows = new int[Math.max(8, size * 2)];
                for (int i = 0; i < size; i++) {
                    rows[i] = first + i;
                }
            } else if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size] = row;
        }
        last = row;
        size++;
    }

    void attach(SampleTable samples) {
        table = samples;
    }

    @Override
    public String toString() {
        return name + " (" + type.keyword() + ", " + size + (size == 1 ? " sample)" : " samples)");
    }
}
