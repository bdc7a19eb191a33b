package dev.sextant.core.requestcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.time.ManualClock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.parsing.RequestBodyParser;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.core.scheduling.Scheduler;
import dev.sextant.core.scheduling.SchedulingObserver;
import dev.sextant.plugins.scorer.ActiveRequestScorer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DirectorTest {
    private static final String HEADER = "apiVersion: config.sextant.dev/v1alpha1\nkind: EndpointPickerConfig\n";
    private final ManualClock clock = new ManualClock();
    private final EndpointStore store = new EndpointStore();
    private final Endpoint a = Endpoint.of("10.0.0.1:8000").withModels(Set.of("llama", "llama-sql-lora"));
    private final Endpoint b = Endpoint.of("10.0.0.2:8000").withModels(Set.of("llama"));
    private CompiledConfig config;

    private Director director(String body) {
        config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(clock, new SplittableRandom(3))).load(HEADER + body, "test.yaml");
        store.setEndpoints(List.of(a, b));
        return new Director(config, Scheduler.create(config, clock, SchedulingObserver.NOOP), store, clock,
                new SplittableRandom(11), SchedulingObserver.NOOP, RequestObserver.NOOP);
    }

    private void queues(int qa, int qb) {
        store.update(a.id(), s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(qa).updatedAtNanos(0).build()), 0));
        store.update(b.id(), s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(qb).updatedAtNanos(0).build()), 0));
    }

    private static InferenceRequest chat(String model, Map<String, String> headers) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return RequestReader.read(ApiKind.CHAT_COMPLETIONS, headers, RequestBodyParser.utf8(body), 0).request();
    }

    private static final String QUEUE_ONLY = """
            plugins: [{type: queue-scorer}, {type: test-gatekeeper}, {type: active-request-scorer}]
            schedulingProfiles:
            - name: default
              plugins: [{pluginRef: queue-scorer, weight: 1}]
            """;

    @Test
    void routesToTheBestEndpointAndRunsPreRequestHooks() {
        Director director = director(QUEUE_ONLY);
        queues(5, 0);
        RoutingDecision decision = director.route(chat("llama", Map.of("x-secret", "s")), null);
        assertThat(decision).isInstanceOfSatisfying(RoutingDecision.Routed.class, r -> {
            assertThat(r.primary()).isEqualTo(b.id());
            assertThat(r.setHeaders()).containsEntry("x-routed-to", b.id().toString());
            assertThat(r.removeHeaders()).containsExactly("x-secret");
            assertThat(r.targetModel()).isEqualTo("llama");
        });
    }

    @Test
    void modelsDecideTheCandidates() {
        Director director = director(QUEUE_ONLY);
        queues(5, 0);
        assertThat(director.route(chat("llama-sql-lora", Map.of()), null))
                .isInstanceOfSatisfying(RoutingDecision.Routed.class, r -> assertThat(r.primary()).isEqualTo(a.id()));
        assertThat(director.route(chat("mistral", Map.of()), null))
                .isEqualTo(new RoutingDecision.Refused(ErrorCode.NOT_FOUND, "model_not_found",
                        "no endpoint serves model 'mistral'"));
    }

    @Test
    void unhealthyEndpointsAreNoCandidates() {
        Director director = director(QUEUE_ONLY);
        store.update(a.id(), s -> s.failed("down", 1, 0));
        store.update(b.id(), s -> s.failed("down", 1, 0));
        assertThat(director.route(chat("llama", Map.of()), null)).isInstanceOfSatisfying(RoutingDecision.Refused.class,
                r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(r.message()).contains("no healthy endpoint for model 'llama' (2 known, none eligible)");
                });
    }

    @Test
    void admissionCanRefuse() {
        Director director = director(QUEUE_ONLY);
        assertThat(director.route(chat("llama", Map.of("x-test-reject", "1")), null))
                .isEqualTo(new RoutingDecision.Refused(ErrorCode.RESOURCE_EXHAUSTED, "test", "rejected by test"));
    }

    @Test
    void subsetHintsNarrowTheCandidates() {
        Director director = director(QUEUE_ONLY);
        queues(0, 5);
        assertThat(director.route(chat("llama", Map.of()), Set.of(b.id())))
                .isInstanceOfSatisfying(RoutingDecision.Routed.class, r -> assertThat(r.primary()).isEqualTo(b.id()));
        assertThat(director.route(chat("llama", Map.of()), Set.of(EndpointId.parse("10.9.9.9:1"))))
                .isInstanceOfSatisfying(RoutingDecision.Refused.class, r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(r.reason()).isEqualTo("ineligible_subset");
                });
        assertThat(director.route(chat("llama", Map.of()), Set.of()))
                .isInstanceOfSatisfying(RoutingDecision.Refused.class, r -> assertThat(r.reason()).isEqualTo("empty_subset"));
    }

    @Test
    void weightedRewriteRulesSplitTrafficAndTheHeaderAppliesOtherwise() {
        Director director = director(QUEUE_ONLY + """
                modelRewrites:
                - model: llama
                  targets: [{model: llama, weight: 3}, {model: llama-sql-lora, weight: 1}]
                """);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4_000; i++) {
            RoutingDecision.Routed r = (RoutingDecision.Routed) director.route(chat("llama", Map.of()), null);
            counts.merge(r.targetModel(), 1, Integer::sum);
            r.handle().complete(summary(r.primary()));
        }
        assertThat(counts.get("llama-sql-lora")).isBetween(880, 1_120);
        RoutingDecision byHeader = director.route(chat("other",
                Map.of(InferenceHeaders.MODEL_REWRITE, "llama-sql-lora")), null);
        assertThat(byHeader).isInstanceOfSatisfying(RoutingDecision.Routed.class, r -> {
            assertThat(r.targetModel()).isEqualTo("llama-sql-lora");
            assertThat(r.handle().request().incomingModel()).isEqualTo("other");
        });
    }

    @Test
    void completionHooksRunExactlyOnce() {
        Director director = director(QUEUE_ONLY);
        ActiveRequestScorer active = (ActiveRequestScorer) config.plugin("active-request-scorer").orElseThrow();
        RoutingDecision.Routed r = (RoutingDecision.Routed) director.route(chat("llama", Map.of()), null);
        assertThat(active.inFlight(r.primary())).isEqualTo(1);
        assertThat(r.handle().complete(summary(r.primary()))).isTrue();
        assertThat(r.handle().complete(summary(r.primary()))).isFalse();
        assertThat(active.trackedEndpoints()).isZero();
    }

    @Test
    void clientSentRoutingHeadersNeverReachTheRequest() {
        InferenceRequest request = chat("llama", Map.of("X-Gateway-Destination-Endpoint", "6.6.6.6:1",
                "x-prefiller-host-port", "6.6.6.6:2", "x-request-id", "abc"));
        assertThat(request.headers()).doesNotContainKeys("x-gateway-destination-endpoint", "x-prefiller-host-port");
        assertThat(request.requestId()).isEqualTo("abc");
    }

    private static ResponseSummary summary(EndpointId id) {
        return new ResponseSummary(id, ResponseSummary.Outcome.SUCCESS, 200, Usage.NONE, 0, 0);
    }
}
