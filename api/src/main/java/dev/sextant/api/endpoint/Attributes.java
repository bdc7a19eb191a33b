package dev.sextant.api.endpoint;

import dev.sextant.api.plugin.DataKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * Extra data attached to an endpoint snapshot by data-layer extractors, keyed by {@link DataKey}.
 *
 * <p>Immutable: {@link #with} returns a copy. Holds few entries, so it is a flat array scanned
 * linearly, which is faster than hashing at these sizes and allocates nothing on read.
 */
public final class Attributes {
    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(new DataKey<?>[0], new Object[0]);

    private final DataKey<?>[] keys;
    private final Object[] values;

    private Attributes(DataKey<?>[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The value stored under {@code key}, or {@code null} when there is none. */
    public <T> T get(DataKey<T> key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return key.cast(values[i]);
            }
        }
        return null;
    }

    /** Whether a value is stored under {@code key}. */
    public boolean contains(DataKey<?> key) {
        for (DataKey<?> k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** A copy with {@code value} stored under {@code key}, replacing any previous value. */
    public <T> Attributes with(DataKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        key.cast(value);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                Object[] newValues = values.clone();
                newValues[i] = value;
                return new Attributes(keys, newValues);
            }
        }
        DataKey<?>[] newKeys = Arrays.copyOf(keys, keys.length + 1);
        Object[] newValues = Arrays.copyOf(values, values.length + 1);
        newKeys[keys.length] = key;
        newValues[values.length] = value;
        return new Attributes(newKeys, newValues);
    }

    /** Number of entries. */
    public int size() {
        return keys.length;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            out.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return out.append('}').toString();
    }
}
