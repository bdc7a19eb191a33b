package dev.sextant.plugins.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.TestCandidates;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveRequestScorerTest {
    private static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0, 0);
    private final InferenceRequest request = InferenceRequest.builder("r").model("m").build();

    private CycleState send(ActiveRequestScorer scorer, int... targets) {
        ProfileResults profiles = ProfileResults.EMPTY;
        for (int t : targets) {
            profiles = profiles.with(new ProfileResult.Picked("p" + t, List.of(endpoints.get(t))));
        }
        CycleState state = new CycleState();
        scorer.preRequest(state, request, new SchedulingResult.Scheduled("p" + targets[0], profiles), NO_HEADERS);
        return state;
    }

    private static void complete(ActiveRequestScorer scorer, CycleState state, EndpointId id) {
        scorer.responseComplete(state, InferenceRequest.builder("r").model("m").build(),
                new ResponseSummary(id, ResponseSummary.Outcome.SUCCESS, 200, Usage.NONE, 0, 0));
    }

    @Test
    void scoresByInFlightCountsItKeepsItself() {
        ActiveRequestScorer scorer = new ActiveRequestScorer("a", 0, 1.0);
        send(scorer, 0);
        send(scorer, 0);
        send(scorer, 1);
        double[] scores = ScorerFormulaTest.score(scorer, endpoints);
        // max = 2: endpoint 0 has 2 → 0, endpoint 1 has 1 → 0.5, endpoint 2 idle → 1
        assertThat(scores).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void idleThresholdAndMaxBusyScoreShapeTheCurve() {
        ActiveRequestScorer scorer = new ActiveRequestScorer("a", 1, 0.5);
        send(scorer, 0);
        send(scorer, 0);
        send(scorer, 0);
        send(scorer, 0);
        send(scorer, 1);
        send(scorer, 2);
        send(scorer, 2);
        // counts 4,1,2; max 4: e0 → 0, e1 idle (<=1) → 1, e2 → (4-2)/4*0.5 = 0.25
        assertThat(ScorerFormulaTest.score(scorer, endpoints)).containsExactly(0.0, 1.0, 0.25);
    }

    @Test
    void everyPickedProfileIsCountedOnceAndReleasedOnCompletion() {
        ActiveRequestScorer scorer = new ActiveRequestScorer("a", 0, 1.0);
        CycleState state = send(scorer, 0, 1);
        assertThat(scorer.inFlight(endpoints.get(0).id())).isEqualTo(1);
        assertThat(scorer.inFlight(endpoints.get(1).id())).isEqualTo(1);
        complete(scorer, state, endpoints.get(0).id());
        complete(scorer, state, endpoints.get(0).id());
        assertThat(scorer.trackedEndpoints()).as("released once, entries removed at zero").isZero();
    }
}
