package dev.sextant.plugins.datalayer.prometheus;

import java.util.Arrays;

/**
 * The samples of one parse, stored by column so that a scrape costs a handful of arrays instead of
 * objects per sample and per label. {@link Sample} and {@link Labels} objects are views made on
 * demand. Immutable once built: nothing writes the arrays after {@link Builder#build}.
 */
final class SampleTable {
    static final SampleTable EMPTY = new Builder(0, 0).build();

    /** Full sample names, row by row. */
    final String[] names;
    final double[] values;
    /** Timestamps row by row; {@code null} when no sample has one, which is the usual case. */
    private final long[] timestamps;
    /** Row i's labels are {@code pairs[labelStarts[i] .. labelStarts[i + 1])}: name, value, name, value... */
    private final int[] labelStarts;
    private final String[] pairs;
    final int size;

    private SampleTable(Builder b) {
        names = b.names;
        values = b.values;
        timestamps = b.timestamps;
        labelStarts = b.labelStarts;
        pairs = b.pairs;
        size = b.size;
    }

    long timestamp(int row) {
        return timestamps == null ? Sample.NO_TIMESTAMP : timestamps[row];
    }

    int labelCount(int row) {
        return (labelStarts[row + 1] - labelStarts[row]) / 2;
    }

    Labels labels(int row) {
        int count = labelCount(row);
        return count == 0 ? Labels.EMPTY : new Labels(pairs, labelStarts[row], count);
    }

    Sample sample(int row) {
        return new Sample(names[row], labels(row), values[row], timestamp(row));
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
        private String[] pairs;
        private int size;
        private int pairCount;

        Builder(int expectedSamples, int expectedStrings) {
            int capacity = Math.max(4, expectedSamples);
            names = new String[capacity];
            values = new double[capacity];
            labelStarts = new int[capacity + 1];
            pairs = new String[Math.max(8, expectedStrings)];
        }

        int size() {
            return size;
        }

        /** Label strings (names and values) held so far. */
        int strings() {
            return pairCount;
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
                pairs = Arrays.copyOf(pairs, pairs.length + (pairs.length >> 1) + 2);
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

        /** Adds a sample whose labels are those read since {@code mark}; returns its row. */
        int add(String name, double value, long timestamp, int mark) {
            if (size == names.length) {
                int capacity = size + (size >> 1) + 1;
                names = Arrays.copyOf(names, capacity);
                values = Arrays.copyOf(values, capacity);
                labelStarts = Arrays.copyOf(labelStarts, capacity + 1);
                if (timestamps != null) {
                    timestamps = Arrays.copyOf(timestamps, capacity);
                }
            }
            if (timestamp != Sample.NO_TIMESTAMP && timestamps == null) {
                timestamps = new long[names.length];
                Arrays.fill(timestamps, 0, size, Sample.NO_TIMESTAMP);
            }
            names[size] = name;
            values[size] = value;
            if (timestamps != null) {
                timestamps[size] = timestamp;
            }
            labelStarts[size] = mark;
            labelStarts[size + 1] = pairCount;
            return size++;
        }

        SampleTable build() {
            labelStarts[size] = pairCount;
            return new SampleTable(this);
        }
    }
}
