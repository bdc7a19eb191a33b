package dev.sextant.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.ManualClock;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Engine invariants over random endpoint sets: picks pass the filters, fallbacks are distinct. */
class SchedulerProperties {

    private static final String CONFIG = """
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - {type: label-selector-filter, name: not-prefill, parameters: {matchExpressions: [{key: llm-d.ai/role, operator: NotIn, values: [prefill]}]}}
            - {type: queue-scorer}
            - {type: kv-cache-utilization-scorer}
            - {type: load-aware-scorer}
            - {type: max-score-picker, parameters: {maxNumOfEndpoints: %d}}
            schedulingProfiles:
            - name: default
              plugins:
              - pluginRef: not-prefill
              - {pluginRef: queue-scorer, weight: 2}
              - {pluginRef: kv-cache-utilization-scorer, weight: 2}
              - {pluginRef: load-aware-scorer, weight: 0.5}
              - pluginRef: max-score-picker
            """;

    record Spec(int waiting, double kv, String role) {}

    @Provide
    Arbitrary<List<Spec>> endpoints() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.doubles().between(0, 1),
                        Arbitraries.of("decode", "prefill", "both", ""))
                .as(Spec::new).list().ofMinSize(0).ofMaxSize(64);
    }

    @Property(tries = 300)
    void picksPassTheFiltersAndFallbacksAreDistinct(@ForAll("endpoints") List<Spec> specs,
            @ForAll @IntRange(min = 1, max = 5) int maxNumOfEndpoints, @ForAll long seed) {
        ManualClock clock = new ManualClock();
        var config = new ConfigLoader(PluginRegistry.builtins(), new EnginePluginContext(clock, new SplittableRandom(seed)))
                .load(CONFIG.formatted(maxNumOfEndpoints), "prop.yaml");
        Scheduler scheduler = Scheduler.create(config, clock, SchedulingObserver.NOOP);
        List<EndpointSnapshot> candidates = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Endpoint e = Endpoint.of("10.2." + (i / 200) + "." + (i % 200 + 1) + ":8000")
                    .withLabels(s.role().isEmpty() ? Map.of() : Map.of("llm-d.ai/role", s.role()));
            candidates.add(EndpointSnapshot.of(e, EndpointMetrics.builder().waitingQueueSize(s.waiting())
                    .kvCacheUsage(s.kv()).updatedAtNanos(0).build()));
        }
        List<EndpointSnapshot> eligible = candidates.stream()
                .filter(c -> !"prefill".equals(c.endpoint().labels().get("llm-d.ai/role"))).toList();
        SchedulingResult result = scheduler.schedule(new CycleState(), InferenceRequest.builder("r").model("m").build(),
                candidates);
        switch (result) {
            case SchedulingResult.Scheduled s -> {
                assertThat(s.targets()).hasSize(Math.min(maxNumOfEndpoints, eligible.size()))
                        .doesNotHaveDuplicates().allMatch(eligible::contains);
            }
            case SchedulingResult.Unschedulable u -> assertThat(eligible).isEmpty();
        }
    }
}
