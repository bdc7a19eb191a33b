package dev.sextant.core.flowcontrol;

import dev.sextant.api.request.ErrorCode;
import java.util.Objects;

/** How a request's wait in flow control ended. */
public sealed interface FlowOutcome {

    /** It may go on to scheduling, after waiting {@code waitNanos}. */
    record Dispatched(long waitNanos) implements FlowOutcome {}

    /** It will not be served. */
    record Rejected(Reason reason, String message) implements FlowOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a queued request was turned away; {@link #label()} is the metric label. */
    enum Reason {
        /** The queue (globally or for its band) had no room. */
        CAPACITY(ErrorCode.RESOURCE_EXHAUSTED, "rejected_capacity"),
        /** It waited longer than its TTL. */
        TTL_EXPIRED(ErrorCode.SERVICE_UNAVAILABLE, "evicted_ttl"),
        /** Its client went away while it waited. */
        CLIENT_GONE(ErrorCode.SERVICE_UNAVAILABLE, "evicted_client_gone"),
        /** Sextant is stopping. */
        SHUTDOWN(ErrorCode.SERVICE_UNAVAILABLE, "evicted_shutdown");

        private final ErrorCode code;
        private final String label;

        Reason(ErrorCode code, String label) {
            this.code = code;
            this.label = label;
        }

        /** The error the client gets. */
        public ErrorCode code() {
            return code;
        }

        /** The metric label. */
        public String label() {
            return label;
        }
    }
}
