package dev.sextant.plugins.datalayer.prometheus;

import java.util.AbstractList;
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
 * <p>Immutable and thread-safe.
 */
public final class MetricFamily {
    private final String name;
    private final MetricType type;
    private final String help;
    private final SampleTable table;
    private final int first;
    private final int size;
    /** The rows of this family when they are not one contiguous run; {@code null} when they are. */
    private final int[] rows;

    MetricFamily(String name, MetricType type, String help, SampleTable table, int first, int size, int[] rows) {
        this.name = name;
        this.type = type;
        this.help = help;
        this.table = table;
        this.first = first;
        this.size = size;
        this.rows = rows;
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

    @Override
    public String toString() {
        return name + " (" + type.keyword() + ", " + size + (size == 1 ? " sample)" : " samples)");
    }
}
