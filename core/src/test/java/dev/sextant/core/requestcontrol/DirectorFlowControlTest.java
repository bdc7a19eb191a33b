package dev.sextant.core.requestcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.flowcontrol.FlowControlObserver;
import dev.sextant.core.flowcontrol.FlowController;
import dev.sextant.core.parsing.RequestBodyParser;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.core.scheduling.Scheduler;
import dev.sextant.core.scheduling.SchedulingObserver;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Objectives, shedding, queueing and fail-open through the Director, with the concurrency detector. */
class DirectorFlowControlTest {
    private static final String HEADER = "apiVersion: config.sextant.dev/v1alpha1\nkind: EndpointPickerConfig\n";
    private final EndpointStore store = new EndpointStore();
    private final Endpoint a = Endpoint.of("10.0.0.1:8000");
    private FlowController controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    private Director director(String body, boolean gate, boolean failOpen) {
        CompiledConfig config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(Clock.system(), new SplittableRandom(1))).load(HEADER
                + (gate ? "featureGates: [flowControl]\n" : "") + body, "fc.yaml");
        store.setEndpoints(List.of(a));
        if (gate) {
            controller = new FlowController(config.flowControlSettings(), config.detector(), Clock.system(),
                    FlowControlObserver.NOOP, Executors.newVirtualThreadPerTaskExecutor(), 1_000_000);
        }
        return new Director(config, Scheduler.create(config, Clock.system(), SchedulingObserver.NOOP), store,
                Clock.system(), new SplittableRandom(2), SchedulingObserver.NOOP, RequestObserver.NOOP, controller,
                new DirectorOptions(failOpen));
    }

    private static InferenceRequest request(String objective) {
        String body = "{\"model\":\"m\",\"prompt\":\"p\"}";
        Map<String, String> headers = objective == null ? Map.of()
                : Map.of(InferenceHeaders.OBJECTIVE, objective);
        return RequestReader.read(ApiKind.COMPLETIONS, headers, RequestBodyParser.utf8(body), System.nanoTime()).request();
    }

    private static final String ONE_AT_A_TIME = """
            plugins:
            - {type: concurrency-detector, parameters: {maxConcurrency: 1}}
            - {type: queue-scorer}
            schedulingProfiles:
            - name: default
              plugins: [{pluginRef: queue-scorer, weight: 1}]
            saturationDetector: {pluginRef: concurrency-detector}
            objectives:
            - {name: critical, priority: 10}
            - {name: batch, priority: -1}
            """;

    private static void complete(RoutingDecision d) {
        RoutingDecision.Routed r = (RoutingDecision.Routed) d;
        r.handle().complete(new ResponseSummary(r.primary(), ResponseSummary.Outcome.SUCCESS, 200, Usage.NONE, 0, 0));
    }

    @Test
    void withoutTheGateSheddableRequestsAreRefusedWhileSaturated() {
        Director director = director(ONE_AT_A_TIME, false, false);
        RoutingDecision first = director.route(request("critical"), null);
        assertThat(first).isInstanceOf(RoutingDecision.Routed.class);
        assertThat(((RoutingDecision.Routed) first).handle().request().priority()).isEqualTo(10);
        assertThat(director.route(request("batch"), null)).isInstanceOfSatisfying(RoutingDecision.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(r.reason()).isEqualTo("shed_saturated");
        });
        assertThat(director.route(request(null), null)).as("priority 0 passes").isInstanceOf(RoutingDecision.Routed.class);
    }

    @Test
    void withTheGateRequestsWaitForCapacityAndGoInPriorityOrder() throws Exception {
        Director director = director(ONE_AT_A_TIME, true, false);
        RoutingDecision first = director.route(request(null), null);
        PendingRoute batch = director.routeAsync(request("batch"), null);
        PendingRoute critical = director.routeAsync(request("critical"), null);
        Thread.sleep(30);
        assertThat(batch.decision()).isNotDone();
        assertThat(critical.decision()).isNotDone();
        complete(first);
        RoutingDecision second = critical.decision().get(10, TimeUnit.SECONDS);
        assertThat(second).isInstanceOf(RoutingDecision.Routed.class);
        assertThat(batch.decision()).as("the sheddable request still waits").isNotDone();
        complete(second);
        complete(batch.decision().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatLeavesIsRemovedFromTheQueueAtOnce() throws Exception {
        Director director = director(ONE_AT_A_TIME, true, false);
        RoutingDecision first = director.route(request(null), null);
        PendingRoute waiting = director.routeAsync(request(null), null);
        waiting.cancel().run();
        assertThat(waiting.decision().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(RoutingDecision.Refused.class,
                r -> {
                    assertThat(r.code().httpStatus()).isEqualTo(503);
                    assertThat(r.reason()).isEqualTo("evicted_client_gone");
                });
        complete(first);
    }

    @Test
    void theTtlHeaderCanOnlyShortenTheWait() throws Exception {
        Director director = director(ONE_AT_A_TIME + "flowControl: {defaultRequestTTL: 1h}\n", true, false);
        RoutingDecision first = director.route(request(null), null);
        InferenceRequest impatient = request(null).toBuilder()
                .headers(Map.of(InferenceHeaders.REQUEST_TTL, "50ms")).build();
        assertThat(director.routeAsync(impatient, null).decision().get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(RoutingDecision.Refused.class, r -> assertThat(r.reason()).isEqualTo("evicted_ttl"));
        complete(first);
    }

    @Test
    void failOpenSendsToSomeEndpointWhenThePickerBreaks() {
        String broken = """
                plugins: [{type: test-faulty-picker, name: bad, parameters: {mode: throw}}]
                """;
        assertThat(director(broken, false, false).route(request(null), null))
                .isInstanceOfSatisfying(RoutingDecision.Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(director(broken, false, true).route(request(null), null))
                .isInstanceOfSatisfying(RoutingDecision.Routed.class, r -> assertThat(r.primary()).isEqualTo(a.id()));
    }

    @Test
    void unknownEndpointIdsAreNotCandidates() {
        Director director = director(ONE_AT_A_TIME, false, false);
        assertThat(director.route(request(null), java.util.Set.of(EndpointId.parse("10.9.9.9:1"))))
                .isInstanceOf(RoutingDecision.Refused.class);
    }
}
