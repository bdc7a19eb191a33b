package dev.sextant.api.datalayer;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;

/**
 * The next snapshot of one endpoint, being assembled by the extractors of one collection. The engine
 * publishes it atomically once every extractor has run.
 *
 * <p>Not thread-safe: valid only inside the {@link Extractor#extract} call that received it.
 */
public interface EndpointUpdate {

    /** The snapshot currently published for the endpoint. */
    EndpointSnapshot current();

    /** The metrics being built, starting from the current ones; set the fields you found. */
    EndpointMetrics.Builder metrics();

    /** Attaches {@code value} under {@code key} to the next snapshot. */
    <V> void attribute(DataKey<V> key, V value);
}
