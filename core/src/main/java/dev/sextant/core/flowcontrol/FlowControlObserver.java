package dev.sextant.core.flowcontrol;

import dev.sextant.api.request.InferenceRequest;

/** Where flow control reports what happens to queued requests, for metrics. Thread-safe implementations. */
public interface FlowControlObserver {
    /** Records nothing. */
    FlowControlObserver NOOP = new FlowControlObserver() {};

    /** A request left the queue for scheduling after {@code waitNanos}. */
    default void dispatched(InferenceRequest request, long waitNanos) {}

    /** A request was turned away, before or after waiting. */
    default void rejected(InferenceRequest request, FlowOutcome.Reason reason, long waitNanos) {}
}
