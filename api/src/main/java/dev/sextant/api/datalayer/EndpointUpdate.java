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

    /**
     * Reports that this collection's data had no usable value for {@code key}, which the calling
     * extractor is configured to fill: the metric is absent, present without samples, or not a
     * valid number. The field keeps its previous value. The engine may mark the endpoint's metrics
     * as incomplete and show {@code detail} in diagnostics; by default the report is ignored.
     *
     * <p>Called at most once per key and extractor in one collection, and on every collection that
     * lacks the value (not only when it changes), so the engine can tell when it comes back.
     *
     * @param key the endpoint metric or attribute that could not be filled, one the extractor produces
     * @param detail what was looked for and why it is unusable, for people, e.g.
     *     {@code vllm:num_requests_waiting: absent}
     */
    default void missing(DataKey<?> key, String detail) {}
}
