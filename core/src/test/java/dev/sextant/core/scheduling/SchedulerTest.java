package dev.sextant.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.SchedulingResult.Reason;
import dev.sextant.api.time.ManualClock;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final String HEADER = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";
    private final ManualClock clock = new ManualClock();
    private final PluginLatencyStats stats = new PluginLatencyStats();
    private final InferenceRequest request = InferenceRequest.builder("r").model("m").build();

    private ConfigLoader loader() {
        return new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(clock, new SplittableRandom(1)));
    }

    private Scheduler scheduler(String body) {
        return Scheduler.create(loader().load(HEADER + body, "test.yaml"), clock, stats);
    }

    static List<EndpointSnapshot> endpoints(int... waiting) {
        List<EndpointSnapshot> out = new ArrayList<>();
        for (int i = 0; i < waiting.length; i++) {
            out.add(EndpointSnapshot.of(Endpoint.of("10.0.0." + (i + 1) + ":8000"),
                    EndpointMetrics.builder().waitingQueueSize(waiting[i]).kvCacheUsage(0.1 * i).updatedAtNanos(0).build()));
        }
        return out;
    }

    private SchedulingResult schedule(Scheduler scheduler, List<EndpointSnapshot> candidates) {
        return scheduler.schedule(new CycleState(), request, candidates);
    }

    @Test
    void picksTheEndpointWithTheBestWeightedSum() {
        Scheduler scheduler = scheduler("""
                plugins: [{type: queue-scorer}, {type: kv-cache-utilization-scorer}]
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: queue-scorer, weight: 2}, {pluginRef: kv-cache-utilization-scorer, weight: 2}]
                """);
        List<EndpointSnapshot> candidates = endpoints(4, 0, 9);
        SchedulingResult result = schedule(scheduler, candidates);
        assertThat(result).isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                s -> assertThat(s.targets()).containsExactly(candidates.get(1)));
    }

    @Test
    void noCandidatesIsUnschedulable() {
        Scheduler scheduler = Scheduler.create(loader().loadDefault(), clock, stats);
        assertThat(schedule(scheduler, List.of())).isInstanceOfSatisfying(SchedulingResult.Unschedulable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.NO_CANDIDATES));
    }

    @Test
    void filtersThatLeaveNothingGiveNoEndpointAfterFilters() {
        Scheduler scheduler = scheduler("""
                plugins:
                - {type: label-selector-filter, name: gpu, parameters: {matchLabels: {gpu: h100}}}
                """);
        SchedulingResult result = schedule(scheduler, endpoints(0, 0));
        assertThat(result).isInstanceOfSatisfying(SchedulingResult.Unschedulable.class, u -> {
            assertThat(u.reason()).isEqualTo(Reason.NO_ENDPOINT_AFTER_FILTERS);
            assertThat(u.errorCode().httpStatus()).isEqualTo(429);
            assertThat(u.message()).contains("filter 'gpu'");
        });
    }

    @Test
    void filtersRunInOrderOnTheSurvivors() {
        Scheduler scheduler = scheduler("""
                plugins:
                - {type: label-selector-filter, name: decode, parameters: {matchExpressions: [{key: role, operator: NotIn, values: [prefill]}]}}
                - {type: label-selector-filter, name: fast, parameters: {matchLabels: {gpu: h100}}}
                """);
        List<EndpointSnapshot> candidates = List.of(
                EndpointSnapshot.of(Endpoint.of("10.0.0.1:8000").withLabels(Map.of("role", "prefill", "gpu", "h100"))),
                EndpointSnapshot.of(Endpoint.of("10.0.0.2:8000").withLabels(Map.of("role", "decode", "gpu", "a100"))),
                EndpointSnapshot.of(Endpoint.of("10.0.0.3:8000").withLabels(Map.of("gpu", "h100"))));
        for (int i = 0; i < 20; i++) {
            assertThat(schedule(scheduler, candidates)).isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                    s -> assertThat(s.targets()).containsExactly(candidates.get(2)));
        }
    }

    @Test
    void aThrowingFilterOrScorerIsContainedAndCounted() {
        Scheduler scheduler = scheduler("""
                plugins:
                - {type: test-faulty-filter, name: bad-filter}
                - {type: test-faulty-scorer, name: bad-scorer}
                - {type: queue-scorer}
                schedulingProfiles:
                - name: default
                  plugins:
                  - pluginRef: bad-filter
                  - {pluginRef: queue-scorer, weight: 1}
                  - {pluginRef: bad-scorer, weight: 5}
                """);
        List<EndpointSnapshot> candidates = endpoints(9, 0, 9);
        // The faulty filter's drop of index 0 is undone; the faulty scorer's 1.0 for index 0 is ignored.
        SchedulingResult result = schedule(scheduler, candidates);
        assertThat(result).isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                s -> assertThat(s.targets()).containsExactly(candidates.get(1)));
        assertThat(stats.stat(ExtensionPoint.FILTER, "bad-filter").failures()).isEqualTo(1);
        assertThat(stats.stat(ExtensionPoint.SCORER, "bad-scorer").failures()).isEqualTo(1);
    }

    @Test
    void aPickerThatThrowsOrCheatsFailsTheProfile() {
        for (String mode : List.of("throw", "bad-pick")) {
            Scheduler scheduler = scheduler("""
                    plugins:
                    - {type: test-faulty-picker, name: bad, parameters: {mode: %s}}
                    """.formatted(mode));
            SchedulingResult result = schedule(scheduler, endpoints(0, 0, 0));
            assertThat(result).as(mode).isInstanceOfSatisfying(SchedulingResult.Unschedulable.class, u -> {
                assertThat(u.reason()).isEqualTo(Reason.INTERNAL_ERROR);
                assertThat(u.message()).contains("picker 'bad'");
            });
        }
    }

    @Test
    void outOfRangeScoresAreClampedBeforeWeighting() {
        Scheduler scheduler = scheduler("""
                plugins:
                - {type: test-faulty-scorer, name: huge, parameters: {mode: score, score: 1000}}
                - {type: test-faulty-scorer, name: negative, parameters: {mode: score, score: -5}}
                - {type: queue-scorer}
                schedulingProfiles:
                - name: default
                  plugins:
                  - {pluginRef: huge, weight: 1}
                  - {pluginRef: negative, weight: 1}
                  - {pluginRef: queue-scorer, weight: 1.5}
                """);
        // Clamped, 'huge' adds 1 to everyone and 'negative' adds 0, so the queue decides; unclamped, they would too,
        // so also check the totals through a picker that keeps fallbacks: the order follows the queue.
        List<EndpointSnapshot> candidates = endpoints(6, 3, 0);
        assertThat(schedule(scheduler, candidates)).isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                s -> assertThat(s.targets()).containsExactly(candidates.get(2)));
    }

    @Test
    void everyPluginCallIsTimedByTheEngine() {
        Scheduler scheduler = Scheduler.create(loader().loadDefault(), clock, stats);
        for (int i = 0; i < 3; i++) {
            schedule(scheduler, endpoints(1, 2));
        }
        assertThat(stats.stat(ExtensionPoint.SCORER, "queue-scorer").calls()).isEqualTo(3);
        assertThat(stats.stat(ExtensionPoint.SCORER, "kv-cache-utilization-scorer").calls()).isEqualTo(3);
        assertThat(stats.stat(ExtensionPoint.PICKER, "max-score-picker").calls()).isEqualTo(3);
        assertThat(stats.stat(ExtensionPoint.PROFILE_PICK, "single-profile-handler").calls()).isEqualTo(6);
        assertThat(stats.cycles()).containsEntry("scheduled", 3L);
    }

    @Test
    void fallbacksComeInScoreOrder() {
        Scheduler scheduler = scheduler("""
                plugins: [{type: queue-scorer}, {type: max-score-picker, parameters: {maxNumOfEndpoints: 3}}]
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: queue-scorer, weight: 1}, {pluginRef: max-score-picker}]
                """);
        List<EndpointSnapshot> candidates = endpoints(5, 0, 10, 2);
        assertThat(schedule(scheduler, candidates)).isInstanceOfSatisfying(SchedulingResult.Scheduled.class,
                s -> assertThat(s.targets()).containsExactly(candidates.get(1), candidates.get(3), candidates.get(0)));
    }
}
