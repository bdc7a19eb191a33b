package dev.sextant.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.endpoint.LoraState;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants every built-in scorer and picker keeps, whatever the endpoints look like. */
class BuiltinPluginProperties {

    @Provide
    Arbitrary<List<EndpointMetrics>> endpointMetrics() {
        Arbitrary<Set<String>> adapters = Arbitraries.of("a", "b", "c", "m").set().ofMaxSize(3);
        Arbitrary<EndpointMetrics> metrics = Combinators.combine(
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 1_000),
                        Arbitraries.doubles().between(0.0, 1.0),
                        adapters, adapters, Arbitraries.integers().between(0, 4))
                .as((waiting, running, kv, run, wait, max) -> EndpointMetrics.builder()
                        .waitingQueueSize(waiting).runningRequests(running).kvCacheUsage(kv)
                        .lora(new LoraState(run, wait, max)).updatedAtNanos(0).build());
        return metrics.list().ofMinSize(1).ofMaxSize(40);
    }

    private static List<EndpointSnapshot> snapshots(List<EndpointMetrics> metrics) {
        List<EndpointSnapshot> out = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            out.add(EndpointSnapshot.of(dev.sextant.api.endpoint.Endpoint.of("10.1." + (i / 250) + "." + (i % 250 + 1)
                    + ":8000"), metrics.get(i)));
        }
        return out;
    }

    private static List<Scorer> allScorers() {
        TestPluginContext context = TestPluginContext.seeded(1);
        List<Scorer> scorers = new ArrayList<>();
        for (PluginFactory factory : BuiltinPlugins.factories()) {
            if (factory.create("x", PluginParameters.empty(), context) instanceof Scorer s) {
                scorers.add(s);
            }
        }
        return scorers;
    }

    @Property
    void everyScoreIsInZeroToOne(@ForAll("endpointMetrics") List<EndpointMetrics> metrics) {
        List<EndpointSnapshot> endpoints = snapshots(metrics);
        InferenceRequest request = InferenceRequest.builder("r").model("m").targetModel("a").build();
        for (Scorer scorer : allScorers()) {
            double[] scores = new double[endpoints.size()];
            scorer.score(new CycleState(), request, new TestCandidates(endpoints), scores);
            for (double s : scores) {
                assertThat(s).as(scorer.type()).isBetween(0.0, 1.0);
            }
        }
    }

    @Property
    void picksAreDistinctCandidatesUpToTheLimit(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 5) Integer> scores,
            @ForAll @IntRange(min = 1, max = 8) int maxNumOfEndpoints,
            @ForAll long seed) {
        List<EndpointSnapshot> endpoints = snapshots(scores.stream().map(s -> EndpointMetrics.UNKNOWN).toList());
        double[] totals = scores.stream().mapToDouble(Integer::doubleValue).toArray();
        TestPluginContext context = TestPluginContext.seeded(seed);
        for (PluginFactory factory : BuiltinPlugins.factories()) {
            var params = PluginParameters.of(Map.of("maxNumOfEndpoints", maxNumOfEndpoints));
            if (factory.create("p", params, context) instanceof Picker picker) {
                List<EndpointSnapshot> picked = picker.pick(new CycleState(),
                        InferenceRequest.builder("r").model("m").build(), new TestCandidates(endpoints, totals));
                assertThat(picked).as(picker.type())
                        .hasSize(Math.min(maxNumOfEndpoints, endpoints.size()))
                        .doesNotHaveDuplicates()
                        .allMatch(endpoints::contains);
                if (picker.type().equals("max-score-picker")) {
                    double best = scores.stream().mapToDouble(Integer::doubleValue).max().orElseThrow();
                    assertThat(totals[endpoints.indexOf(picked.getFirst())]).isEqualTo(best);
                }
            }
        }
    }
}
