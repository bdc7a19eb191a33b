package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link EndpointUpdate} that keeps what an extractor wrote and reported, for assertions. */
final class RecordingUpdate implements EndpointUpdate {
    private final EndpointSnapshot current;
    private final EndpointMetrics.Builder metrics;
    final Map<DataKey<?>, Object> attributes = new LinkedHashMap<>();
    final Map<DataKey<?>, String> missing = new LinkedHashMap<>();

    RecordingUpdate(EndpointSnapshot current) {
        this.current = current;
        this.metrics = current.metrics().toBuilder();
    }

    @Override
    public EndpointSnapshot current() {
        return current;
    }

    @Override
    public EndpointMetrics.Builder metrics() {
        return metrics;
    }

    @Override
    public <V> void attribute(DataKey<V> key, V value) {
        attributes.put(key, value);
    }

    @Override
    public void missing(DataKey<?> key, String detail) {
        if (missing.putIfAbsent(key, detail) != null) {
            throw new AssertionError("missing reported twice for " + key);
        }
    }

    EndpointMetrics built() {
        return metrics.build();
    }
}
