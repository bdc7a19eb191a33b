package dev.sextant.plugins.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingProfile;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.TestCandidates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SingleProfileHandlerTest {
    private final SingleProfileHandler handler = new SingleProfileHandler("h");
    private final InferenceRequest request = InferenceRequest.builder("r").model("m").build();
    private final SchedulingProfile profile = new SchedulingProfile() {
        @Override
        public String name() {
            return "default";
        }

        @Override
        public List<String> pluginNames() {
            return List.of();
        }
    };

    @Test
    void runsTheOnlyProfileOnce() {
        Map<String, SchedulingProfile> profiles = Map.of("default", profile);
        assertThat(handler.pick(new CycleState(), request, profiles, ProfileResults.EMPTY)).containsExactly(profile);
        var picked = ProfileResults.EMPTY.with(new ProfileResult.Picked("default", TestCandidates.withQueues(0)));
        assertThat(handler.pick(new CycleState(), request, profiles, picked)).isEmpty();
        assertThat(handler.processResults(new CycleState(), request, picked))
                .isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                        s -> assertThat(s.primaryProfile()).isEqualTo("default"));
    }

    @Test
    void aProfileThatFilteredEverythingIsNoEndpointAfterFilters() {
        var failed = new ProfileResult.Failed("default", ProfileResult.Reason.ALL_FILTERED, "none left");
        assertThat(handler.processResults(new CycleState(), request, ProfileResults.EMPTY.with(failed)))
                .isEqualTo(new SchedulingResult.Unschedulable(SchedulingResult.Reason.NO_ENDPOINT_AFTER_FILTERS,
                        "none left"));
    }

    @Test
    void refusesSeveralProfilesAtStartUp() {
        assertThat(handler.checkProfiles(Set.of("default"))).isEmpty();
        assertThat(handler.checkProfiles(Set.of("prefill", "decode"))).singleElement().asString()
                .contains("runs exactly one profile, but 2 are configured");
    }
}
