package dev.sextant.plugins.disagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixBasedPdDeciderTest {
    private final EndpointSnapshot decode = TestCandidates.withQueues(0).getFirst();

    /** A prompt of {@code tokens} estimated tokens (4 characters each). */
    private static InferenceRequest prompt(int tokens) {
        return InferenceRequest.builder("r").model("m").prompt(PromptView.ofText("abcd".repeat(tokens))).build();
    }

    @ParameterizedTest(name = "{0} prompt tokens, {1} 16-token blocks cached, threshold {2}: {3}")
    @CsvSource({
            "100, 0, 16, true",
            "15, 0, 16, false",
            "100, 6, 16, false",
            "100, 5, 16, true",
            "100, 0, 0, false",
            "2000, 120, 512, false",
            "2000, 80, 512, true"})
    void disaggregatesWhenTheDecodeEndpointMissesEnoughTokens(int promptTokens, int cachedBlocks, int threshold,
            boolean expected) {
        CycleState state = new CycleState();
        state.put(PrefixCacheMatches.KEY,
                new PrefixCacheMatches(16, promptTokens / 16, Map.of(decode.id(), cachedBlocks)));
        assertThat(new PrefixBasedPdDecider("d", threshold).disaggregate(state, prompt(promptTokens), decode))
                .isEqualTo(expected);
    }

    @Test
    void matchesOfOtherEndpointsDoNotCount() {
        CycleState state = new CycleState();
        EndpointSnapshot other = TestCandidates.withQueues(0, 0).get(1);
        state.put(PrefixCacheMatches.KEY, new PrefixCacheMatches(16, 10, Map.of(other.id(), 10)));
        assertThat(new PrefixBasedPdDecider("d", 32).disaggregate(state, prompt(160), decode)).isTrue();
    }

    @Test
    void withoutPrefixMatchesNothingCountsAsCached() {
        PrefixBasedPdDecider decider = new PrefixBasedPdDecider("d", 64);
        assertThat(decider.disaggregate(new CycleState(), prompt(64), decode)).isTrue();
        assertThat(decider.disaggregate(new CycleState(), prompt(63), decode)).isFalse();
    }

    @Test
    void negativeThresholdIsAProblemNamingTheField() {
        PluginParameters params = PluginParameters.of(Map.of("nonCachedTokens", -1));
        PrefixBasedPdDecider.FACTORY.create("d", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).containsExactly("nonCachedTokens: -1 (expected: >= 0 (0 turns disaggregation off))");
    }
}
