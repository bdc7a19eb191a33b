package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.ErrorCode;
import java.util.List;
import java.util.Objects;

/** The outcome of one scheduling cycle: where the request goes, or why it cannot go anywhere. */
public sealed interface SchedulingResult {

    /**
     * The request has a destination.
     *
     * @param primaryProfile the profile whose pick is the destination (e.g. {@code decode})
     * @param profiles every profile that ran, by name, in the order they ran
     */
    record Scheduled(String primaryProfile, ProfileResults profiles) implements SchedulingResult {
        public Scheduled {
            Objects.requireNonNull(primaryProfile, "primaryProfile");
            Objects.requireNonNull(profiles, "profiles");
            if (!(profiles.get(primaryProfile) instanceof ProfileResult.Picked)) {
                throw new IllegalArgumentException(
                        "primaryProfile: '" + primaryProfile + "' (expected: a profile that picked endpoints)");
            }
        }

        /** The primary profile's result. */
        public ProfileResult.Picked primary() {
            return (ProfileResult.Picked) profiles.get(primaryProfile);
        }

        /** Where the request goes: primary first, then fallbacks. */
        public List<EndpointSnapshot> targets() {
            return primary().targets();
        }

        /** The result of the named profile if it ran and picked, else {@code null}. */
        public ProfileResult.Picked picked(String profile) {
            return profiles.picked(profile);
        }
    }

    /**
     * No destination.
     *
     * @param reason why, also a metric label
     * @param message a sentence for logs and the client's error body
     */
    record Unschedulable(Reason reason, String message) implements SchedulingResult {
        public Unschedulable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        /** The error the fronts answer with. */
        public ErrorCode errorCode() {
            return reason.errorCode();
        }
    }

    /** Why a request could not be scheduled. */
    enum Reason {
        /** There were no candidate endpoints at all (none healthy, none serving the model). */
        NO_CANDIDATES(ErrorCode.SERVICE_UNAVAILABLE),
        /** Candidates existed but the filters removed them all. */
        NO_ENDPOINT_AFTER_FILTERS(ErrorCode.RESOURCE_EXHAUSTED),
        /** A profile the handler required failed, or the handler refused the results. */
        PROFILE_FAILED(ErrorCode.SERVICE_UNAVAILABLE),
        /** A plugin failed in a way the engine could not work around. */
        INTERNAL_ERROR(ErrorCode.INTERNAL);

        private final ErrorCode errorCode;

        Reason(ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        /** The error the fronts answer with. */
        public ErrorCode errorCode() {
            return errorCode;
        }
    }
}
