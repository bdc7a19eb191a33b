package dev.sextant.plugins.disagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingProfile;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.Clock;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.TestCandidates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DisaggProfileHandlerTest {
    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0);
    private final EndpointSnapshot decodeEndpoint = endpoints.get(0);
    private final EndpointSnapshot prefillEndpoint = endpoints.get(1);
    private final Map<String, SchedulingProfile> profiles = profiles("decode", "prefill");
    private final InferenceRequest longPrompt =
            InferenceRequest.builder("r").model("m").prompt(PromptView.ofText("x".repeat(400))).build();

    private static Map<String, SchedulingProfile> profiles(String... names) {
        Map<String, SchedulingProfile> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, new SchedulingProfile() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<String> pluginNames() {
                    return List.of();
                }
            });
        }
        return out;
    }

    private static DisaggProfileHandler handler(PdDecider decider) {
        return new DisaggProfileHandler("h", "decode", "prefill", decider);
    }

    private ProfileResults decodePicked() {
        return ProfileResults.EMPTY.with(new ProfileResult.Picked("decode", List.of(decodeEndpoint)));
    }

    @Test
    void runsDecodeFirstThenPrefillWhenTheDeciderSaysSo() {
        DisaggProfileHandler h = handler(new AlwaysDisaggPdDecider("always"));
        CycleState state = new CycleState();
        assertThat(h.pick(state, longPrompt, profiles, ProfileResults.EMPTY)).extracting(SchedulingProfile::name)
                .containsExactly("decode");
        assertThat(h.pick(state, longPrompt, profiles, decodePicked())).extracting(SchedulingProfile::name)
                .containsExactly("prefill");
        ProfileResults both = decodePicked().with(new ProfileResult.Picked("prefill", List.of(prefillEndpoint)));
        assertThat(h.pick(state, longPrompt, profiles, both)).isEmpty();
        var scheduled = (SchedulingResult.Scheduled) h.processResults(state, longPrompt, both);
        assertThat(scheduled.primaryProfile()).isEqualTo("decode");
        assertThat(scheduled.targets()).containsExactly(decodeEndpoint);
    }

    @Test
    void shortPromptsStayOnTheDecodeEndpoint() {
        DisaggProfileHandler h = handler(new PrefixBasedPdDecider("d", 200));
        InferenceRequest shortPrompt = InferenceRequest.builder("r").model("m").prompt(PromptView.ofText("hi")).build();
        assertThat(h.pick(new CycleState(), shortPrompt, profiles, decodePicked())).isEmpty();
        assertThat(h.processResults(new CycleState(), shortPrompt, decodePicked()))
                .isInstanceOf(SchedulingResult.Scheduled.class);
    }

    @Test
    void withoutADeciderNothingIsDisaggregated() {
        assertThat(handler(null).pick(new CycleState(), longPrompt, profiles, decodePicked())).isEmpty();
    }

    @Test
    void prefillDecidedButNoPrefillEndpointFailsClearly() {
        ProfileResults results = decodePicked()
                .with(new ProfileResult.Failed("prefill", ProfileResult.Reason.ALL_FILTERED, "prefill-filter left none"));
        var refused = (SchedulingResult.Unschedulable) handler(new AlwaysDisaggPdDecider("a"))
                .processResults(new CycleState(), longPrompt, results);
        assertThat(refused.reason()).isEqualTo(SchedulingResult.Reason.PROFILE_FAILED);
        assertThat(refused.message()).isEqualTo("prefill was decided for this request but profile 'prefill' found no"
                + " prefill endpoint: prefill-filter left none");
    }

    @Test
    void noDecodeEndpointIsNoEndpointAfterFilters() {
        ProfileResults results = ProfileResults.EMPTY
                .with(new ProfileResult.Failed("decode", ProfileResult.Reason.ALL_FILTERED, "decode-filter left none"));
        DisaggProfileHandler h = handler(new AlwaysDisaggPdDecider("a"));
        assertThat(h.pick(new CycleState(), longPrompt, profiles, results)).isEmpty();
        assertThat(h.processResults(new CycleState(), longPrompt, results)).isEqualTo(new SchedulingResult.Unschedulable(
                SchedulingResult.Reason.NO_ENDPOINT_AFTER_FILTERS, "no decode endpoint: decode-filter left none"));
    }

    @Test
    void preRequestReplacesAClientSentPrefillerHeader() {
        RecordingHeaders headers = new RecordingHeaders();
        ProfileResults both = decodePicked().with(new ProfileResult.Picked("prefill", List.of(prefillEndpoint)));
        handler(null).preRequest(new CycleState(), longPrompt, new SchedulingResult.Scheduled("decode", both), headers);
        assertThat(headers.log).containsExactly("remove x-prefiller-host-port", "set x-prefiller-host-port=10.0.0.2:8000");

        RecordingHeaders decodeOnly = new RecordingHeaders();
        handler(null).preRequest(new CycleState(), longPrompt, new SchedulingResult.Scheduled("decode", decodePicked()),
                decodeOnly);
        assertThat(decodeOnly.log).containsExactly("remove x-prefiller-host-port");
    }

    @Test
    void checksTheConfiguredProfiles() {
        assertThat(handler(new AlwaysDisaggPdDecider("a")).checkProfiles(Set.of("decode", "prefill"))).isEmpty();
        assertThat(handler(null).checkProfiles(Set.of("decode"))).isEmpty();
        assertThat(handler(new AlwaysDisaggPdDecider("a")).checkProfiles(Set.of("decode"))).containsExactly(
                "decider 'a' is configured but there is no profile named 'prefill' (expected: the prefill profile,"
                        + " or profiles.prefill naming it)");
        assertThat(handler(null).checkProfiles(Set.of("default"))).hasSize(2);
    }

    @Test
    void readsTheNestedParametersAndResolvesTheDecider() {
        PdDecider decider = new PrefixBasedPdDecider("prefix-based-pd-decider", 16);
        PluginParameters params = PluginParameters.of(Map.of(
                "profiles", Map.of("decode", "d", "prefill", "p"),
                "deciders", Map.of("prefill", "prefix-based-pd-decider")));
        var h = (DisaggProfileHandler) DisaggProfileHandler.FACTORY.create("h", params, new Context(decider));
        assertThat(params.problems()).isEmpty();
        assertThat(params.unknownKeys()).isEmpty();
        assertThat(h).hasToString("disagg-profile-handler{name=h, decode=d, prefill=p, decider=prefix-based-pd-decider}");
    }

    @Test
    void readsPdProfileHandlersFlatParameters() {
        PluginParameters params = PluginParameters.of(Map.of("decodeProfile", "d", "prefillProfile", "p",
                "deciderPluginName", "always", "prefixPluginType", "prefix-cache-scorer"));
        var h = DisaggProfileHandler.FACTORY.create("h", params, new Context(new AlwaysDisaggPdDecider("always")));
        assertThat(params.problems()).isEmpty();
        assertThat(params.unknownKeys()).isEmpty();
        assertThat(h).hasToString("disagg-profile-handler{name=h, decode=d, prefill=p, decider=always}");
        assertThat(DisaggProfileHandler.FACTORY.aliases()).containsExactly("pd-profile-handler");
    }

    @Test
    void unknownDeciderAndMixedFormatsAreProblemsNamingTheField() {
        PluginParameters params = PluginParameters.of(Map.of(
                "deciders", Map.of("prefill", "nope"), "decodeProfile", "d"));
        DisaggProfileHandler.FACTORY.create("h", params, new Context());
        assertThat(params.problems()).containsExactly(
                "parameters: mixes the nested format (profiles, deciders) with the flat one [decodeProfile,"
                        + " prefillProfile, deciderPluginName, prefillDeciderPluginName, prefixPluginType,"
                        + " prefixPluginName, primaryPort] (expected: one format or the other)",
                "deciders.prefill: \"nope\" (expected: the name of a P/D decider plugin listed before this handler"
                        + " (types prefix-based-pd-decider, always-disagg-pd-decider))");
    }

    /** A context that knows the given plugins by name. */
    private record Context(List<Plugin> plugins) implements PluginContext {
        Context(Plugin... plugins) {
            this(List.of(plugins));
        }

        @Override
        public Clock clock() {
            return new ManualClock();
        }

        @Override
        public RandomGenerator random() {
            return new SplittableRandom(1);
        }

        @Override
        public <T> Optional<T> plugin(String name, Class<T> type) {
            return plugins.stream().filter(p -> p.name().equals(name)).filter(type::isInstance).map(type::cast)
                    .findFirst();
        }
    }

    private static final class RecordingHeaders implements HeaderMutations {
        final List<String> log = new ArrayList<>();

        @Override
        public void set(String name, String value) {
            log.add("set " + name + "=" + value);
        }

        @Override
        public void remove(String name) {
            log.add("remove " + name);
        }
    }
}
