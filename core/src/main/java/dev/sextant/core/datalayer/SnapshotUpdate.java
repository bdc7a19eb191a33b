package dev.sextant.core.datalayer;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.endpoint.Attributes;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** The next snapshot of one endpoint, assembled by the extractors of one poll. */
final class SnapshotUpdate implements EndpointUpdate {
    private final EndpointSnapshot current;
    private final EndpointMetrics.Builder metrics;
    private Attributes attributes;
    private final Map<DataKey<?>, String> missing = new LinkedHashMap<>();

    SnapshotUpdate(EndpointSnapshot current) {
        this.current = current;
        this.metrics = current.metrics().toBuilder();
        this.attributes = current.attributes();
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
        attributes = attributes.with(key, value);
    }

    @Override
    public void missing(DataKey<?> key, String detail) {
        missing.putIfAbsent(key, detail);
    }

    /**
     * Why this collection is unusable, or null: a page that carries neither a queue length nor a
     * KV-cache usage gives the scheduler nothing to weigh, so it must not pass for fresh data.
     */
    String unusableReason() {
        if (!missing.containsKey(EndpointMetrics.WAITING_QUEUE_SIZE)
                || !missing.containsKey(EndpointMetrics.KV_CACHE_USAGE)) {
            return null;
        }
        return "no usable load metrics: " + missing.get(EndpointMetrics.WAITING_QUEUE_SIZE) + "; "
                + missing.get(EndpointMetrics.KV_CACHE_USAGE);
    }

    /**
     * The assembled snapshot, stamped with {@code nowNanos}.
     *
     * @throws IllegalArgumentException when an extractor set an impossible value
     */
    EndpointSnapshot build(long nowNanos) {
        return new EndpointSnapshot(current.endpoint(), metrics.updatedAtNanos(nowNanos).build(), attributes);
    }
}
