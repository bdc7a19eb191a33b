package dev.sextant.api.requestcontrol;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.Usage;
import java.util.Objects;

/**
 * How a request ended, reported once per request that was scheduled.
 *
 * @param endpoint the endpoint that served (or last tried to serve) the request
 * @param outcome how it ended
 * @param status the HTTP status of the response, 0 when none arrived
 * @param usage token counts the model server reported; {@link Usage#NONE} when none
 * @param firstByteNanos clock reading of the first response byte, 0 when none arrived
 * @param completedAtNanos clock reading when the request ended
 */
public record ResponseSummary(EndpointId endpoint, Outcome outcome, int status, Usage usage,
        long firstByteNanos, long completedAtNanos) {

    public ResponseSummary {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(usage, "usage");
    }

    /** How a request ended; the lower-case name doubles as a metric label. */
    public enum Outcome {
        /** The model server answered 2xx and the body ended normally. */
        SUCCESS,
        /** The model server answered with an error status. */
        SERVER_ERROR,
        /** The connection to the model server failed or broke mid-response. */
        UPSTREAM_FAILED,
        /** The client went away before the response ended. */
        CANCELLED
    }
}
