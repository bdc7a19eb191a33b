package dev.sextant.plugins.datalayer.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The label set of one sample: names and values in the order the exposition wrote them.
 *
 * <p>Two label sets are equal when they hold the same pairs, whatever their order, since
 * exporters write the same series with its labels in different orders. Immutable and thread-safe;
 * the sets of one parse share one backing array.
 */
public final class Labels {
    /** No labels. */
    public static final Labels EMPTY = new Labels(new String[0], 0, 0);

    private final String[] pairs;
    private final int offset;
    private final int size;

    /** A view of {@code size} pairs stored as name, value, name, value... from {@code pairs[offset]}. */
    Labels(String[] pairs, int offset, int size) {
        this.pairs = pairs;
        this.offset = offset;
        this.size = size;
    }

    /**
     * Labels from alternating names and values: {@code Labels.of("engine", "0", "model_name", "m")}.
     *
     * @throws IllegalArgumentException on an odd count or a name given twice
     */
    public static Labels of(String... namesAndValues) {
        Objects.requireNonNull(namesAndValues, "namesAndValues");
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "namesAndValues: " + namesAndValues.length + " strings (expected: an even count, name then value)");
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            Objects.requireNonNull(copy[i], "name");
            Objects.requireNonNull(copy[i + 1], "value");
            for (int j = 0; j < i; j += 2) {
                if (copy[j].equals(copy[i])) {
                    throw new IllegalArgumentException("label " + copy[i] + ": given twice (expected: once)");
                }
            }
        }
        return new Labels(copy, 0, copy.length / 2);
    }

    /** Number of labels. */
    public int size() {
        return size;
    }

    /** The name of the {@code index}-th label, in exposition order. */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return pairs[offset + 2 * index];
    }

    /** The value of the {@code index}-th label, in exposition order. */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return pairs[offset + 2 * index + 1];
    }

    /** The value of the label called {@code name}, if present. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(valueOrNull(pairs, offset, size, name));
    }

    /** Whether the label {@code name} is present with exactly {@code value}. */
    public boolean contains(String name, String value) {
        return value.equals(valueOrNull(pairs, offset, size, name));
    }

    /** The labels as an unmodifiable map in exposition order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(pairs[offset + 2 * i], pairs[offset + 2 * i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The value of label {@code name} among {@code size} pairs at {@code pairs[offset]}, or {@code null}. */
    static String valueOrNull(String[] pairs, int offset, int size, String name) {
        int end = offset + 2 * size;
        for (int i = offset; i < end; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Labels that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!that.contains(pairs[offset + 2 * i], pairs[offset + 2 * i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < size; i++) {
            hash += pairs[offset + 2 * i].hashCode() ^ pairs[offset + 2 * i + 1].hashCode();
        }
        return hash;
    }

    /** The label set as the text format writes it, {@code {a="1",b="x\"y"}}; empty when there are no labels. */
    @Override
    public String toString() {
        if (size == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : ",").append(pairs[offset + 2 * i]).append("=\"");
            appendEscaped(out, pairs[offset + 2 * i + 1]);
            out.append('"');
        }
        return out.append('}').toString();
    }

    /** Appends {@code value} escaped as a label value: backslash, double quote and newline. */
    static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
