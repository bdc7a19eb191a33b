package dev.sextant.core.datalayer;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.endpoint.Attributes;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;

/** The next snapshot of one endpoint, assembled by the extractors of one poll. */
final class SnapshotUpdate implements EndpointUpdate {
    private final EndpointSnapshot current;
    private final EndpointMetrics.Builder metrics;
    private Attributes attributes;

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

    /**
     * The assembled snapshot, stamped with {@code nowNanos}.
     *
     * @throws IllegalArgumentException when an extractor set an impossible value
     */
    EndpointSnapshot build(long nowNanos) {
        return new EndpointSnapshot(current.endpoint(), metrics.updatedAtNanos(nowNanos).build(), attributes);
    }
}
