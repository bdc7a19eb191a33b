package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.EndpointId;

/** Where the data layer reports what it does, for metrics. Implementations must be thread-safe. */
public interface DataLayerObserver {
    /** Records nothing. */
    DataLayerObserver NOOP = new DataLayerObserver() {};

    /** One poll of {@code endpoint} by {@code source} ended after {@code nanos}; {@code error} is empty on success. */
    default void pollCompleted(EndpointId endpoint, String source, long nanos, String error) {}
}
