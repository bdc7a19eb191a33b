package dev.sextant.core.requestcontrol;

import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.ResponseSummary;

/** Where the Director reports each request's fate, for metrics. Implementations must be thread-safe. */
public interface RequestObserver {
    /** Records nothing. */
    RequestObserver NOOP = new RequestObserver() {};

    /** A request was refused before reaching a model server. */
    default void refused(InferenceRequest request, RoutingDecision.Refused refusal) {}

    /** A request was routed; {@code decisionNanos} is the time from arrival to the decision. */
    default void routed(InferenceRequest request, RoutingDecision.Routed routed, long decisionNanos) {}

    /** A routed request ended. */
    default void completed(InferenceRequest request, ResponseSummary summary) {}
}
