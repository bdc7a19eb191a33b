package dev.sextant.plugins.scorer;

import static dev.sextant.plugins.TestCandidates.lora;
import static dev.sextant.plugins.TestCandidates.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.plugins.TestCandidates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The formula of every metric-based built-in scorer, case by case. */
class ScorerFormulaTest {

    static double[] score(Scorer scorer, InferenceRequest request, List<EndpointSnapshot> endpoints) {
        double[] scores = new double[endpoints.size()];
        scorer.score(new CycleState(), request, new TestCandidates(endpoints), scores);
        return scores;
    }

    static double[] score(Scorer scorer, List<EndpointSnapshot> endpoints) {
        return score(scorer, InferenceRequest.builder("r").model("m").build(), endpoints);
    }

    @Test
    void queueScorerIsMinMaxOverWaiting() {
        assertThat(score(new QueueScorer("q"), TestCandidates.withQueues(0, 5, 10)))
                .containsExactly(1.0, 0.5, 0.0);
    }

    @Test
    void queueScorerGivesOneWhenAllEqual() {
        assertThat(score(new QueueScorer("q"), TestCandidates.withQueues(7, 7))).containsExactly(1.0, 1.0);
    }

    @Test
    void runningRequestsScorerIsMinMaxOverRunning() {
        List<EndpointSnapshot> endpoints = new ArrayList<>();
        int[] running = {4, 2, 6};
        for (int i = 0; i < running.length; i++) {
            endpoints.add(snapshot(i, EndpointMetrics.builder().runningRequests(running[i]).build()));
        }
        assertThat(score(new RunningRequestsSizeScorer("r"), endpoints)).containsExactly(0.5, 1.0, 0.0);
    }

    @Test
    void kvCacheScorerIsOneMinusUsage() {
        List<EndpointSnapshot> endpoints = List.of(
                snapshot(0, EndpointMetrics.builder().kvCacheUsage(0.0).build()),
                snapshot(1, EndpointMetrics.builder().kvCacheUsage(0.25).build()),
                snapshot(2, EndpointMetrics.builder().kvCacheUsage(1.0).build()));
        assertThat(score(new KvCacheUtilizationScorer("kv"), endpoints)).containsExactly(1.0, 0.75, 0.0);
    }

    @Test
    void loraAffinityRanksRunningFreeSlotWaitingFull() {
        InferenceRequest request = InferenceRequest.builder("r").model("base").targetModel("sql-lora").build();
        List<EndpointSnapshot> endpoints = List.of(
                snapshot(0, lora(Set.of("sql-lora"), Set.of(), 1)),
                snapshot(1, lora(Set.of("other"), Set.of(), 2)),
                snapshot(2, lora(Set.of("other"), Set.of("sql-lora"), 2)),
                snapshot(3, lora(Set.of("a", "b"), Set.of(), 2)),
                snapshot(4, EndpointMetrics.UNKNOWN));
        assertThat(score(new LoraAffinityScorer("l"), request, endpoints)).containsExactly(1.0, 0.8, 0.6, 0.0, 0.0);
    }

    @ParameterizedTest
    @CsvSource({"0, 128, 0.5", "1, 128, 0.49609375", "64, 128, 0.25", "128, 128, 0.0", "500, 128, 0.0", "5, 10, 0.25"})
    void loadAwareScorerFollowsLlmdFormula(int waiting, int threshold, double expected) {
        assertThat(score(new LoadAwareScorer("l", threshold), TestCandidates.withQueues(waiting)))
                .containsExactly(expected);
    }
}
