package dev.sextant.api.plugin;

import java.util.Objects;

/**
 * A typed name for a piece of data that one plugin produces and another consumes.
 *
 * <p>Keys are compared by name; two keys with the same name must have the same type. A key created
 * with {@link #endpointMetric} names data that every endpoint snapshot carries (waiting queue, KV
 * usage, ...), so consuming it needs no producing plugin.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the value stored under this key
 */
public final class DataKey<T> {
    private final String name;
    private final Class<T> type;
    private final boolean endpointMetric;

    private DataKey(String name, Class<T> type, boolean endpointMetric) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: not blank)");
        }
        this.endpointMetric = endpointMetric;
    }

    /** A key for data produced by a plugin. */
    public static <T> DataKey<T> of(String name, Class<T> type) {
        return new DataKey<>(name, type, false);
    }

    /** A key for data that the data layer supplies on every endpoint snapshot. */
    public static <T> DataKey<T> endpointMetric(String name, Class<T> type) {
        return new DataKey<>(name, type, true);
    }

    /** The name that identifies this key, e.g. {@code prefix-cache-match}. */
    public String name() {
        return name;
    }

    /** The type of the value stored under this key. */
    public Class<T> type() {
        return type;
    }

    /** Whether every endpoint snapshot carries this data, so no plugin needs to produce it. */
    public boolean isEndpointMetric() {
        return endpointMetric;
    }

    /** Casts {@code value} to this key's type; fails if it is of another type. */
    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey<?> key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
