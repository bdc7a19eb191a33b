package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import java.util.List;
import java.util.Objects;

/** The outcome of running one scheduling profile for one request. */
public sealed interface ProfileResult {

    /** The profile that ran. */
    String profile();

    /**
     * The profile chose endpoints.
     *
     * @param profile the profile that ran
     * @param targets chosen endpoints, primary first, then fallbacks in order; non-empty and distinct
     */
    record Picked(String profile, List<EndpointSnapshot> targets) implements ProfileResult {
        public Picked {
            Objects.requireNonNull(profile, "profile");
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("targets: empty (expected: at least one endpoint)");
            }
        }

        /** The primary endpoint. */
        public EndpointSnapshot primary() {
            return targets.getFirst();
        }
    }

    /**
     * The profile could not choose.
     *
     * @param profile the profile that ran
     * @param reason why
     * @param message a sentence for logs and error bodies
     */
    record Failed(String profile, Reason reason, String message) implements ProfileResult {
        public Failed {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a profile failed; the lower-case name doubles as a metric label. */
    enum Reason {
        /** The filters left no endpoint. */
        ALL_FILTERED,
        /** The picker threw or returned nothing valid. */
        PICKER_FAILED
    }
}
