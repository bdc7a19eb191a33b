package dev.sextant.plugins.profile;

import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileHandler;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingProfile;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the one configured profile; its pick is the destination. */
public final class SingleProfileHandler implements ProfileHandler {
    public static final String TYPE = "single-profile-handler";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "runs the single configured profile", (name, params, ctx) -> new SingleProfileHandler(name));

    private final String name;
    /** The answer to the first pick, built once per profile map so a cycle allocates nothing here. */
    private volatile FirstPick firstPick;

    private record FirstPick(Map<String, SchedulingProfile> profiles, List<SchedulingProfile> toRun) {}

    public SingleProfileHandler(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + '}';
    }

    @Override
    public List<SchedulingProfile> pick(CycleState state, InferenceRequest request,
            Map<String, SchedulingProfile> profiles, ProfileResults results) {
        if (!results.isEmpty() || profiles.size() != 1) {
            return List.of();
        }
        FirstPick cached = firstPick;
        if (cached == null || cached.profiles() != profiles) {
            cached = new FirstPick(profiles, List.copyOf(profiles.values()));
            firstPick = cached;
        }
        return cached.toRun();
    }

    @Override
    public SchedulingResult processResults(CycleState state, InferenceRequest request, ProfileResults results) {
        if (results.size() != 1) {
            return new SchedulingResult.Unschedulable(SchedulingResult.Reason.PROFILE_FAILED,
                    TYPE + " expects exactly one profile result, got " + results.size());
        }
        ProfileResult only = results.result(0);
        return switch (only) {
            case ProfileResult.Picked picked -> new SchedulingResult.Scheduled(picked.profile(), results);
            case ProfileResult.Failed failed -> new SchedulingResult.Unschedulable(switch (failed.reason()) {
                case ALL_FILTERED -> SchedulingResult.Reason.NO_ENDPOINT_AFTER_FILTERS;
                case PICKER_FAILED -> SchedulingResult.Reason.INTERNAL_ERROR;
            }, failed.message());
        };
    }

    @Override
    public List<String> checkProfiles(Set<String> profileNames) {
        if (profileNames.size() == 1) {
            return List.of();
        }
        return List.of(TYPE + " runs exactly one profile, but " + profileNames.size() + " are configured "
                + profileNames + " (expected: one profile, or a profile handler for several)");
    }
}
