package dev.sextant.api.requestcontrol;

import dev.sextant.api.request.ErrorCode;
import java.util.Objects;

/** Whether a request may proceed to scheduling. */
public sealed interface Admission {

    /** The request may proceed. */
    Admitted ADMITTED = new Admitted();

    /** The request may proceed. */
    record Admitted() implements Admission {}

    /**
     * The request is turned away.
     *
     * @param code the error the client gets
     * @param reason a short lower-case reason that doubles as a metric label, e.g. {@code saturated}
     * @param message a sentence for the client's error body
     */
    record Rejected(ErrorCode code, String reason, String message) implements Admission {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
