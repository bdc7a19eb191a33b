package dev.sextant.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.ManualClock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * llm-d's P/D configuration (deploy/config/pd-epp-config.yaml, verbatim) loaded and run by the real
 * scheduler: roles filter the profiles, the decider reads the prefix matches, the handler fails a
 * request whose prefill was decided when no prefill endpoint exists.
 */
class DisaggSchedulingTest {
    static final String LLM_D_PD_CONFIG = """
            # Sample EPP configuration for tunning with P/D
            apiVersion: llm-d.ai/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - type: prefix-cache-scorer
              parameters:
                maxPrefixBlocksToMatch: 256
                lruCapacityPerServer: 31250
            - type: queue-scorer
            - type: prefill-filter
            - type: decode-filter
            - type: max-score-picker
            - type: prefix-based-pd-decider
              parameters:
                nonCachedTokens: 16
            - type: disagg-profile-handler
              parameters:
                deciders:
                  prefill: prefix-based-pd-decider
            schedulingProfiles:
            - name: prefill
              plugins:
              - pluginRef: prefill-filter
              - pluginRef: max-score-picker
              - pluginRef: prefix-cache-scorer
                weight: 2
              - pluginRef: queue-scorer
                weight: 1
            - name: decode
              plugins:
              - pluginRef: decode-filter
              - pluginRef: max-score-picker
              - pluginRef: prefix-cache-scorer
                weight: 2
              - pluginRef: queue-scorer
                weight: 1
            """;

    /** Blocks the stand-in prefix scorer reports as cached on each endpoint. */
    private static volatile Map<EndpointId, Integer> cachedBlocks = Map.of();

    private final ManualClock clock = new ManualClock();

    /**
     * A stand-in under the prefix scorer's type name that publishes {@link #cachedBlocks} the way the
     * real one does, so the test decides what each endpoint holds.
     */
    private record StandInPrefixScorer(String name) implements Scorer {
        @Override
        public String type() {
            return "prefix-cache-scorer";
        }

        @Override
        public Set<DataKey<?>> produces() {
            return Set.of(PrefixCacheMatches.KEY);
        }

        @Override
        public ScorerCategory category() {
            return ScorerCategory.AFFINITY;
        }

        @Override
        public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
            state.put(PrefixCacheMatches.KEY, new PrefixCacheMatches(16, request.prompt().length() / 64, cachedBlocks));
        }
    }

    private Scheduler scheduler(String yaml) {
        PluginRegistry registry = PluginRegistry.of(dev.sextant.plugins.BuiltinPlugins.factories().stream()
                .filter(f -> !f.type().equals("prefix-cache-scorer")).toList());
        registry.register(SimplePluginFactory.of("prefix-cache-scorer", "test stand-in", (name, params, ctx) -> {
            params.integer("blockSizeTokens", 16);
            params.flag("autoTune", true);
            params.integer("maxPrefixBlocksToMatch", 256);
            params.integer("lruCapacityPerServer", 31250);
            return new StandInPrefixScorer(name);
        }));
        CompiledConfig config = new ConfigLoader(registry, new EnginePluginContext(clock, new SplittableRandom(1)))
                .load(yaml, "pd-epp-config.yaml");
        return Scheduler.create(config, clock, new PluginLatencyStats());
    }

    private static EndpointSnapshot endpoint(String hostPort, String role) {
        Endpoint e = Endpoint.of(hostPort);
        return EndpointSnapshot.of(role == null ? e : e.withLabels(Map.of(Endpoint.ROLE_LABEL, role)),
                EndpointMetrics.builder().updatedAtNanos(0).build());
    }

    private static InferenceRequest prompt(int chars) {
        return InferenceRequest.builder("r").model("m").prompt(PromptView.ofText("y".repeat(chars))).build();
    }

    /** Prefill and decode replicas on one IP, told apart only by port. */
    private final List<EndpointSnapshot> sharedIp = List.of(
            endpoint("10.1.0.5:8001", "prefill"), endpoint("10.1.0.5:8002", "decode"));

    @Test
    void longPromptsGetAPrefillEndpointOnTheSameIpButAnotherPort() {
        cachedBlocks = Map.of();
        SchedulingResult result = scheduler(LLM_D_PD_CONFIG).schedule(new CycleState(), prompt(4000), sharedIp);
        var scheduled = (SchedulingResult.Scheduled) result;
        assertThat(scheduled.primaryProfile()).isEqualTo("decode");
        assertThat(scheduled.targets().getFirst().id()).hasToString("10.1.0.5:8002");
        assertThat(scheduled.picked("prefill").primary().id()).hasToString("10.1.0.5:8001");
    }

    @Test
    void shortOrCachedPromptsSkipPrefill() {
        cachedBlocks = Map.of();
        Scheduler scheduler = scheduler(LLM_D_PD_CONFIG);
        var shortPrompt = (SchedulingResult.Scheduled) scheduler.schedule(new CycleState(), prompt(40), sharedIp);
        assertThat(shortPrompt.picked("prefill")).isNull();

        cachedBlocks = Map.of(EndpointId.parse("10.1.0.5:8002"), 62);
        var cached = (SchedulingResult.Scheduled) scheduler.schedule(new CycleState(), prompt(4000), sharedIp);
        assertThat(cached.picked("prefill")).as("1000 tokens, 992 cached on the decode endpoint").isNull();
    }

    @Test
    void prefillDecidedWithoutAnyPrefillEndpointFails() {
        cachedBlocks = Map.of();
        List<EndpointSnapshot> decodeOnly = List.of(endpoint("10.1.0.5:8002", "decode"), endpoint("10.1.0.6:8000", null));
        var refused = (SchedulingResult.Unschedulable) scheduler(LLM_D_PD_CONFIG)
                .schedule(new CycleState(), prompt(4000), decodeOnly);
        assertThat(refused.reason()).isEqualTo(SchedulingResult.Reason.PROFILE_FAILED);
        assertThat(refused.message()).startsWith("prefill was decided for this request but profile 'prefill' found no"
                + " prefill endpoint");
    }

    @Test
    void theUnlabelledEndpointIsADecodeCandidate() {
        cachedBlocks = Map.of();
        var scheduled = (SchedulingResult.Scheduled) scheduler(LLM_D_PD_CONFIG)
                .schedule(new CycleState(), prompt(40), List.of(endpoint("10.1.0.6:8000", null)));
        assertThat(scheduled.targets().getFirst().id()).hasToString("10.1.0.6:8000");
    }

    @Test
    void pdProfileHandlerAliasWithFlatParametersLoads() {
        String legacy = LLM_D_PD_CONFIG.replace("""
                - type: disagg-profile-handler
                  parameters:
                    deciders:
                      prefill: prefix-based-pd-decider
                """, """
                - type: pd-profile-handler
                  parameters:
                    deciderPluginName: prefix-based-pd-decider
                    prefixPluginType: prefix-cache-scorer
                """);
        assertThat(legacy).contains("pd-profile-handler");
        var scheduled = (SchedulingResult.Scheduled) scheduler(legacy).schedule(new CycleState(), prompt(4000), sharedIp);
        assertThat(scheduled.picked("prefill")).isNotNull();
    }
}
