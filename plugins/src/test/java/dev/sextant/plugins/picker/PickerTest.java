package dev.sextant.plugins.picker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.plugins.TestCandidates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PickerTest {
    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0, 0, 0);
    private final InferenceRequest request = InferenceRequest.builder("r").model("m").build();

    private List<EndpointSnapshot> pick(dev.sextant.api.scheduling.Picker picker, double... scores) {
        return picker.pick(new CycleState(), request, new TestCandidates(endpoints, scores));
    }

    @Test
    void maxScorePicksTheHighest() {
        var picker = new MaxScorePicker("p", 1, new SplittableRandom(1));
        assertThat(pick(picker, 0.1, 3.5, 2.0, 0.0)).containsExactly(endpoints.get(1));
    }

    @Test
    void maxScoreBreaksTiesUniformly() {
        var picker = new MaxScorePicker("p", 1, new SplittableRandom(7));
        Map<EndpointSnapshot, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            counts.merge(pick(picker, 1.0, 2.0, 2.0, 2.0).getFirst(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey(endpoints.get(0));
        counts.values().forEach(c -> assertThat(c).isBetween(9_400, 10_600));
    }

    @Test
    void maxScoreWithFallbacksOrdersByScore() {
        var picker = new MaxScorePicker("p", 3, new SplittableRandom(1));
        assertThat(pick(picker, 0.1, 3.5, 2.0, 0.0))
                .containsExactly(endpoints.get(1), endpoints.get(2), endpoints.get(0));
        assertThat(new MaxScorePicker("p", 10, new SplittableRandom(1)).pick(new CycleState(), request,
                new TestCandidates(endpoints, new double[] {1, 2, 3, 4}))).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void randomPickerIsUniformAndDistinct() {
        var picker = new RandomPicker("p", 2, new SplittableRandom(3));
        Map<EndpointSnapshot, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            List<EndpointSnapshot> picked = pick(picker, 0, 0, 0, 0);
            assertThat(picked).hasSize(2).doesNotHaveDuplicates();
            firsts.merge(picked.getFirst(), 1, Integer::sum);
        }
        firsts.values().forEach(c -> assertThat(c).isBetween(4_600, 5_400));
    }

    @Test
    void weightedRandomFollowsScoreProportions() {
        var picker = new WeightedRandomPicker("p", 1, new SplittableRandom(5));
        Map<EndpointSnapshot, Integer> counts = new HashMap<>();
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            counts.merge(pick(picker, 1.0, 3.0, 0.0, 0.0).getFirst(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(endpoints.get(0), endpoints.get(1));
        assertThat(counts.get(endpoints.get(1)) / (double) n).isBetween(0.73, 0.77);
    }

    @Test
    void weightedRandomWithAllZeroScoresIsUniform() {
        var picker = new WeightedRandomPicker("p", 1, new SplittableRandom(5));
        Map<EndpointSnapshot, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(pick(picker, 0, 0, 0, 0).getFirst(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(4);
    }

    @Test
    void roundRobinTakesEachCandidateInTurn() {
        var picker = new RoundRobinPicker("p", 1);
        List<EndpointSnapshot> firsts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            firsts.add(pick(picker, 9, 0, 0, 0).getFirst());
        }
        assertThat(firsts).containsExactly(endpoints.get(0), endpoints.get(1), endpoints.get(2), endpoints.get(3),
                endpoints.get(0), endpoints.get(1), endpoints.get(2), endpoints.get(3));
    }

    @Test
    void roundRobinFallbacksAreTheNextCandidates() {
        var picker = new RoundRobinPicker("p", 3);
        pick(picker, 0, 0, 0, 0);
        pick(picker, 0, 0, 0, 0);
        pick(picker, 0, 0, 0, 0);
        assertThat(pick(picker, 0, 0, 0, 0)).containsExactly(endpoints.get(3), endpoints.get(0), endpoints.get(1));
        assertThat(new RoundRobinPicker("p", 10).pick(new CycleState(), request,
                new TestCandidates(endpoints.subList(0, 2), new double[] {0, 0}))).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void roundRobinRefusesNoEndpoints() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RoundRobinPicker("p", 0))
                .hasMessage("maxNumOfEndpoints: 0 (expected: >= 1)");
    }
}
