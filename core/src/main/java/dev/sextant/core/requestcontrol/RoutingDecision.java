package dev.sextant.core.requestcontrol;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the Director decided for one request: where it goes, or why it goes nowhere. */
public sealed interface RoutingDecision {

    /**
     * The request goes to {@code targets} (primary first, then fallbacks in order).
     *
     * @param handle the request's lifecycle; the front must report the response through it and
     *     call {@link RequestHandle#complete} exactly once however the request ends
     * @param targets the destination endpoints, primary first
     * @param targetModel the model to send (differs from the body's when a rewrite rule applied)
     * @param setHeaders headers to set on the forwarded request
     * @param removeHeaders headers to remove from the forwarded request
     */
    record Routed(RequestHandle handle, List<EndpointId> targets, String targetModel, Map<String, String> setHeaders,
            Set<String> removeHeaders) implements RoutingDecision {
        public Routed {
            Objects.requireNonNull(handle, "handle");
            targets = List.copyOf(targets);
            setHeaders = Map.copyOf(setHeaders);
            removeHeaders = Set.copyOf(removeHeaders);
        }

        /** The primary destination. */
        public EndpointId primary() {
            return targets.getFirst();
        }
    }

    /**
     * The request cannot be served.
     *
     * @param code the error to answer with
     * @param reason a short lower-case reason, also a metric label (e.g. {@code no_candidates})
     * @param message a sentence for the client
     */
    record Refused(ErrorCode code, String reason, String message) implements RoutingDecision {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
