package dev.sextant.plugins.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoHitLruScorerTest {
    private static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0, 0, 0);
    private final InferenceRequest request = InferenceRequest.builder("r").model("m").build();

    private static CycleState withMatches(Map<EndpointId, Integer> matched) {
        CycleState state = new CycleState();
        state.put(PrefixCacheMatches.KEY, new PrefixCacheMatches(16, 4, matched));
        return state;
    }

    private double[] score(NoHitLruScorer scorer, CycleState state, List<EndpointSnapshot> candidates) {
        double[] scores = new double[candidates.size()];
        scorer.score(state, request, new TestCandidates(candidates), scores);
        return scores;
    }

    /** A cold request scored over all endpoints and sent to {@code target}. */
    private void sendCold(NoHitLruScorer scorer, int... targets) {
        CycleState state = withMatches(Map.of());
        score(scorer, state, endpoints);
        ProfileResults profiles = ProfileResults.EMPTY;
        for (int t : targets) {
            profiles = profiles.with(new ProfileResult.Picked("p" + t, List.of(endpoints.get(t))));
        }
        scorer.preRequest(state, request, new SchedulingResult.Scheduled("p" + targets[0], profiles), NO_HEADERS);
    }

    @Test
    void coldRequestsPreferNeverUsedThenLeastRecentlyUsedEndpoints() {
        NoHitLruScorer scorer = new NoHitLruScorer("n", 1024);
        assertThat(score(scorer, withMatches(Map.of()), endpoints)).containsExactly(1.0, 1 - 1 / 3.0, 1 - 2 / 3.0, 0.0);
        sendCold(scorer, 0);
        sendCold(scorer, 2);
        // never used: 1, 3 (in candidate order); then 0 (older), 2 (newest)
        assertThat(score(scorer, withMatches(Map.of()), endpoints)).containsExactly(1 - 2 / 3.0, 1.0, 0.0, 1 - 1 / 3.0);
    }

    @Test
    void aRequestWithAHitAnywhereScoresEveryEndpointHalfAndIsNotRecorded() {
        NoHitLruScorer scorer = new NoHitLruScorer("n", 1024);
        CycleState state = withMatches(Map.of(endpoints.get(3).id(), 2));
        assertThat(score(scorer, state, endpoints)).containsOnly(0.5);
        scorer.preRequest(state, request, new SchedulingResult.Scheduled("p",
                ProfileResults.EMPTY.with(new ProfileResult.Picked("p", List.of(endpoints.get(1))))), NO_HEADERS);
        assertThat(scorer.trackedEndpoints()).isZero();
    }

    @Test
    void withoutPrefixMatchesInTheStateEveryRequestIsCold() {
        NoHitLruScorer scorer = new NoHitLruScorer("n", 1024);
        assertThat(score(scorer, new CycleState(), endpoints)).containsExactly(1.0, 1 - 1 / 3.0, 1 - 2 / 3.0, 0.0);
        assertThat(score(scorer, new CycleState(), List.of(endpoints.get(2)))).containsExactly(1.0);
    }

    @Test
    void prefillAndDecodePicksOfAColdRequestAreBothRecorded() {
        NoHitLruScorer scorer = new NoHitLruScorer("n", 1024);
        sendCold(scorer, 1, 3);
        assertThat(score(scorer, withMatches(Map.of()), endpoints)).containsExactly(1.0, 1 - 2 / 3.0, 1 - 1 / 3.0, 0.0);
    }

    @Test
    void remembersAtMostLruSizeEndpoints() {
        NoHitLruScorer scorer = new NoHitLruScorer("n", 2);
        sendCold(scorer, 0);
        sendCold(scorer, 1);
        sendCold(scorer, 2);
        assertThat(scorer.trackedEndpoints()).isEqualTo(2);
        // 0 was forgotten, so it counts as never used again and ranks first.
        assertThat(score(scorer, withMatches(Map.of()), endpoints)[0]).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3, 1 << 21})
    void lruSizeOutOfRangeIsAProblemNamingIt(int lruSize) {
        PluginParameters params = PluginParameters.of(Map.of("lruSize", lruSize));
        NoHitLruScorer.FACTORY.create("n", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).containsExactly("lruSize: " + lruSize + " (expected: 1..1048576)");
    }

    @Test
    void acceptsLlmDsPrefixPluginParameters() {
        PluginParameters params = PluginParameters.of(Map.of("prefixPluginType", "precise-prefix-cache-scorer",
                "prefixPluginName", "cache-scorer", "lruSize", 16));
        NoHitLruScorer.FACTORY.create("n", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).isEmpty();
        assertThat(params.unknownKeys()).isEmpty();
        PluginParameters wrongType = PluginParameters.of(Map.of("prefixPluginName", 7));
        NoHitLruScorer.FACTORY.create("n", wrongType, TestPluginContext.seeded(1));
        assertThat(wrongType.problems()).containsExactly("prefixPluginName: 7 (expected: a string)");
    }
}
