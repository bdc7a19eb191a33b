package dev.sextant.api.flowcontrol;

import dev.sextant.api.request.InferenceRequest;

/**
 * A request waiting in a flow-control queue, as ordering and fairness policies see it. Immutable.
 */
public interface QueuedRequest {

    /** The request. */
    InferenceRequest request();

    /** {@link dev.sextant.api.time.Clock#nanos()} when it was queued. */
    long enqueuedAtNanos();

    /** When it expires (queued time plus its TTL), or {@link Long#MAX_VALUE} when it has no TTL. */
    long deadlineNanos();

    /** The bytes it counts against queue capacity (its body size). */
    long sizeBytes();

    /** Arrival order among all queued requests, unique and increasing: the FCFS tie-breaker. */
    long sequence();
}
