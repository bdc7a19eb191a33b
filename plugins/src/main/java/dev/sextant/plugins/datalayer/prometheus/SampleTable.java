package dev.sextant.plugins.datalayer.prometheus;

import java.util.Arrays;

/**
 * The samples of one parse, stored by column so that a scrape costs a handful of arrays instead of
 * objects per sample and per label. {@link Sample} and {@link Labels} objects are views made on
 * demand. Immutable once built: nothing writes the arrays after {@link Builder#build}.
 */
final class SampleTable {
    static final SampleTable EMPTY = new Builder(0).build();

    /** Full sample names, row by row. */
    final String[] names;
    final double[] values;
    final long[] timestamps;
    /** Row i's labels are {@code pairs[labelStarts[i] .. labelStarts[i + 1])}: name, value, name, value... */
    final int[] labelStarts;
    final String[] pairs;
    /** The family of each row, as an index into the families of the parse. */
    final int[] families;
    final int size;

    private SampleTable(Builder b) {
        names = b.names;
        values = b.values;
        timestamps = b.timestamps;
        labelStarts = b.labelStarts;
        pairs = b.pairs;
        families = b.families;
        size = b.size;
    }

    int labelCount(int row) {
        return (labelStarts[row + 1] - labelStarts[row]) / 2;
    }

    Labels labels(int row) {
        int count = labelCount(row);
        return count == 0 ? Labels.EMPTY : new Labels(pairs, labelStarts[row], count);
    }

    Sample sample(int row) {
        return new Sample(names[row], labels(row), values[row], timestamps[row]);
    }

    /** The value of label {@code name} on {@code row}, or {@code null}. */
    String label(int row, String name) {
        return Labels.valueOrNull(pairs, labelStarts[row], labelCount(row), name);
    }

    /** Grows the columns as samples arrive. Not thread-safe. */
    static final class Builder {
        private String[] names;
        private double[] values;
        private long[] timestamps;
        private int[] labelStarts;
        private int[] families;
        private String[] pairs;
        private int size;
        private int pairCount;

        Builder(int expectedSamples) {
            int capacity = Math.max(8, expectedSamples);
            names = new String[capacity];
            values = new double[capacity];
            timestamps = new long[capacity];
            families = new int[capacity];
            labelStarts = new int[capacity + 1];
            pairs = new String[capacity * 4];
        }

        int size() {
            return size;
        }

        /** Where the labels of the sample being read start; pass it to {@link #add} or {@link #dropLabelsFrom}. */
        int labelMark() {
            return pairCount;
        }

        /** Number of labels read since {@code mark}. */
        int labelsSince(int mark) {
            return (pairCount - mark) / 2;
        }

        void addLabel(String name, String value) {
            if (pairCount + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[pairCount++] = name;
            pairs[pairCount++] = value;
        }

        /** The value of label {@code name} among those read since {@code mark}, or {@code null}. */
        String labelSince(int mark, String name) {
            return Labels.valueOrNull(pairs, mark, (pairCount - mark) / 2, name);
        }

        /** Forgets the labels read since {@code mark}: the line they came from was malformed. */
        void dropLabelsFrom(int mark) {
            Arrays.fill(pairs, mark, pairCount, null);
            pairCount = mark;
        }

        /** Adds a sample whose labels are those read since {@code mark}. */
        void add(String name, double value, long timestamp, int mark, int family) {
            if (size == names.length) {
                int capacity = size + (size >> 1) + 1;
                names = Arrays.copyOf(names, capacity);
                values = Arrays.copyOf(values, capacity);
                timestamps = Arrays.copyOf(timestamps, capacity);
                families = Arrays.copyOf(families, capacity);
                labelStarts = Arrays.copyOf(labelStarts, capacity + 1);
            }
            names[size] = name;
            values[size] = value;
            timestamps[size] = timestamp;
            families[size] = family;
            labelStarts[size] = mark;
            size++;
            labelStarts[size] = pairCount;
        }

        SampleTable build() {
            labelStarts[size] = pairCount;
            return new SampleTable(this);
        }
    }
}
