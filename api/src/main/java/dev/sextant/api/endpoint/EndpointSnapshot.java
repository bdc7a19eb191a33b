package dev.sextant.api.endpoint;

import dev.sextant.api.plugin.DataKey;
import java.util.Objects;

/**
 * One endpoint as the scheduler sees it at one moment: its identity, its latest metrics and any
 * attributes extractors attached. Immutable; the data layer swaps in a new snapshot atomically
 * after each scrape or event.
 */
public record EndpointSnapshot(Endpoint endpoint, EndpointMetrics metrics, Attributes attributes) {

    public EndpointSnapshot {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** A snapshot of an endpoint never scraped. */
    public static EndpointSnapshot of(Endpoint endpoint) {
        return new EndpointSnapshot(endpoint, EndpointMetrics.UNKNOWN, Attributes.EMPTY);
    }

    /** A snapshot with the given metrics and no attributes. */
    public static EndpointSnapshot of(Endpoint endpoint, EndpointMetrics metrics) {
        return new EndpointSnapshot(endpoint, metrics, Attributes.EMPTY);
    }

    /** The endpoint's address. */
    public EndpointId id() {
        return endpoint.id();
    }

    /** The attribute stored under {@code key}, or {@code null}. */
    public <T> T attribute(DataKey<T> key) {
        return attributes.get(key);
    }

    /** A copy with other metrics. */
    public EndpointSnapshot withMetrics(EndpointMetrics newMetrics) {
        return new EndpointSnapshot(endpoint, newMetrics, attributes);
    }

    /** A copy with {@code value} stored under {@code key}. */
    public <T> EndpointSnapshot withAttribute(DataKey<T> key, T value) {
        return new EndpointSnapshot(endpoint, metrics, attributes.with(key, value));
    }

    @Override
    public String toString() {
        return endpoint.id() + "{waiting=" + metrics.waitingQueueSize() + ", running=" + metrics.runningRequests()
                + ", kv=" + metrics.kvCacheUsage() + '}';
    }
}
