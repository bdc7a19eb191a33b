package dev.sextant.api.scheduling;

import dev.sextant.api.plugin.DataKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-request scratch data shared between plugins, keyed by {@link DataKey}.
 *
 * <p>The engine creates one for each request and hands the same instance to every hook of that
 * request: prepare-data, admission, filters, scorers, pickers, the profile handler, pre-request and
 * the response hooks. A plugin that computes something in one hook (prefix hashes while scoring) can
 * find it again in a later one (recording the pick in its index), and data producers hand data to
 * consumers through it.
 *
 * <p>Not thread-safe: the engine uses it from one thread at a time, with a happens-before edge
 * between the hooks of one request. Allocates nothing until the first {@link #put}.
 */
public final class CycleState {
    private Map<DataKey<?>, Object> values;

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    public <T> void put(DataKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (values == null) {
            values = new HashMap<>(8);
        }
        values.put(key, key.cast(value));
    }

    /** The value stored under {@code key}, or {@code null} when there is none. */
    public <T> T get(DataKey<T> key) {
        if (values == null) {
            return null;
        }
        Object value = values.get(key);
        return value == null ? null : key.cast(value);
    }

    /** The value stored under {@code key}, or {@code defaultValue} when there is none. */
    public <T> T getOrDefault(DataKey<T> key, T defaultValue) {
        T value = get(key);
        return value == null ? defaultValue : value;
    }

    /** Whether a value is stored under {@code key}. */
    public boolean contains(DataKey<?> key) {
        return values != null && values.containsKey(key);
    }

    /** Removes the value stored under {@code key}, if any. */
    public void remove(DataKey<?> key) {
        if (values != null) {
            values.remove(key);
        }
    }

    /** Removes everything, so the instance can serve another request. */
    public void clear() {
        if (values != null) {
            values.clear();
        }
    }

    @Override
    public String toString() {
        return "CycleState" + (values == null ? "{}" : values.keySet());
    }
}
