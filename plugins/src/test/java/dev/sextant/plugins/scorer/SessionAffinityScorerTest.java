package dev.sextant.plugins.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.plugins.TestCandidates;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionAffinityScorerTest {
    private final SessionAffinityScorer scorer = new SessionAffinityScorer("s");
    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0, 0);

    private double[] score(String token, List<EndpointSnapshot> candidates) {
        InferenceRequest.Builder b = InferenceRequest.builder("r").model("m");
        if (token != null) {
            b.headers(Map.of("X-Session-Token", token));
        }
        double[] scores = new double[candidates.size()];
        scorer.score(new CycleState(), b.build(), new TestCandidates(candidates), scores);
        return scores;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEndpointNamedByTheTokenScoresOneAndTheOthersZero() {
        assertThat(score(SessionAffinityScorer.encode(endpoints.get(1).id()), endpoints)).containsExactly(0.0, 1.0, 0.0);
        assertThat(SessionAffinityScorer.encode(EndpointId.parse("10.0.0.2:8000"))).isEqualTo(base64("10.0.0.2:8000"));
    }

    @Test
    void tokensNamingAnEndpointByNameAsLlmDDoesMatchToo() {
        EndpointSnapshot named = EndpointSnapshot.of(new Endpoint(EndpointId.parse("10.0.0.9:8000"), "llm/pod-a",
                Map.of(), java.util.Set.of()));
        assertThat(score(base64("llm/pod-a"), List.of(endpoints.get(0), named))).containsExactly(0.0, 1.0);
    }

    @Test
    void aTokenForAnEndpointThatIsNotACandidateChoosesNothing() {
        assertThat(score(base64("10.9.9.9:8000"), endpoints)).containsOnly(0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "%%%not-base64%%%", "MTAuMC4wLjI6ODAwMA=x"})
    void malformedTokensAreIgnored(String token) {
        assertThat(score(token, endpoints)).containsOnly(0.0);
    }

    @Test
    void overlongTokensAreIgnoredWithoutDecoding() {
        String token = SessionAffinityScorer.encode(endpoints.get(0).id()) + " ".repeat(SessionAffinityScorer.MAX_TOKEN_CHARS);
        assertThat(score(token, endpoints)).containsOnly(0.0);
        assertThat(score(null, endpoints)).containsOnly(0.0);
    }

    @Test
    void theResponseCarriesTheTokenOfTheEndpointThatServedIt() {
        Map<String, String> set = new HashMap<>();
        HeaderMutations headers = new HeaderMutations() {
            @Override
            public void set(String name, String value) {
                set.put(name, value);
            }

            @Override
            public void remove(String name) {
                set.remove(name);
            }
        };
        EndpointId served = EndpointId.parse("[fd00::7]:8000");
        scorer.responseReceived(new CycleState(), InferenceRequest.builder("r").model("m").build(),
                new ResponseInfo(served, 200, false, Map.of(), 0), headers);
        assertThat(set).containsExactly(Map.entry("x-session-token", base64("[fd00::7]:8000")));
        assertThat(score(set.get("x-session-token"), List.of(endpoints.get(0),
                EndpointSnapshot.of(Endpoint.of(served))))).containsExactly(0.0, 1.0);
    }
}
