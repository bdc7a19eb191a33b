package dev.sextant.api.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;

/**
 * Hears the pool's endpoint set change. A plugin that keeps per-endpoint resources (a KV-event
 * subscription, an index partition) implements it; the data layer calls every configured plugin that
 * does, whatever discovery (static list, file, Kubernetes) found the endpoints.
 *
 * <p>Calls come from the data layer's discovery thread, one at a time, in order: an endpoint is added
 * before it is removed, and an address that comes back is added again. They must return quickly (start
 * work asynchronously, do not block on I/O). Endpoints present when the listener is registered are
 * reported as additions.
 */
public interface EndpointSetListener {

    /** {@code endpoint} joined the pool. */
    void endpointAdded(Endpoint endpoint);

    /** The endpoint at {@code id} left the pool. */
    void endpointRemoved(EndpointId id);
}
