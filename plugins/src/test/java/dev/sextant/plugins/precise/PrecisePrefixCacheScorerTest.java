package dev.sextant.plugins.precise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores, cycle-state findings and speculation of the scorer, fed in process. */
class PrecisePrefixCacheScorerTest {
    private static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    private final ManualClock clock = new ManualClock();
    private final EndpointSnapshot a = EndpointSnapshot.of(Endpoint.of("10.0.0.1:8000"));
    private final EndpointSnapshot b = EndpointSnapshot.of(Endpoint.of("10.0.0.2:8000"));
    private final TestCandidates candidates = new TestCandidates(List.of(a, b));

    private PrecisePrefixCacheScorer scorer(boolean speculative) {
        PrecisePrefixSettings settings = PrecisePrefixSettings.read(PluginParameters.of(Map.of(
                "tokenProcessorConfig", Map.of("blockSize", 4), "speculativeIndexing", speculative,
                "speculativeTTL", "2s")));
        return new PrecisePrefixCacheScorer("p", settings, new PromptTokenizer("cl100k_base", 10), clock, null);
    }

    private static InferenceRequest request(String text) {
        return InferenceRequest.builder("r").model("m").prompt(PromptView.ofText(text)).build();
    }

    @Test
    void scoresAreConsecutiveBlocksOverPromptBlocksWeightedByTier() {
        try (PrecisePrefixCacheScorer scorer = scorer(false)) {
            String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
            int[] tokens = new PromptTokenizer("cl100k_base", 0).tokens(PromptView.ofText(text));
            int blocks = tokens.length / 4;
            scorer.index().apply(a.id(), "m", 0, List.of(stored(tokens, blocks, StorageTier.GPU, 100)));
            scorer.index().apply(b.id(), "m", 0, List.of(stored(tokens, 2, StorageTier.CPU, 200)));

            double[] scores = new double[2];
            CycleState state = new CycleState();
            scorer.score(state, request(text), candidates, scores);

            assertThat(scores[0]).isEqualTo(1.0);
            assertThat(scores[1]).isCloseTo(2 * 0.8 / blocks, org.assertj.core.data.Offset.offset(1e-9));
            PrefixCacheMatches matches = state.get(PrefixCacheMatches.KEY);
            assertThat(matches.totalBlocks()).isEqualTo(blocks);
            assertThat(matches.matchedBlocks(a.id())).isEqualTo(blocks);
            assertThat(matches.matchedBlocks(b.id())).isEqualTo(2);

            double[] other = new double[2];
            scorer.score(new CycleState(), InferenceRequest.builder("r").model("adapter")
                    .prompt(PromptView.ofText(text)).build(), candidates, other);
            assertThat(other).as("another model or adapter shares nothing").containsExactly(0, 0);
        }
    }

    @Test
    void aPickIsSpeculativeUntilItsTtlExpires() {
        try (PrecisePrefixCacheScorer scorer = scorer(true)) {
            String text = "the same long prefix for everyone who asks a question here today";
            CycleState state = new CycleState();
            double[] scores = new double[2];
            scorer.score(state, request(text), candidates, scores);
            assertThat(scores).containsExactly(0, 0);
            scorer.preRequest(state, request(text), new SchedulingResult.Scheduled("default",
                    ProfileResults.EMPTY.with(new ProfileResult.Picked("default", List.of(b)))), NO_HEADERS);

            scorer.score(new CycleState(), request(text), candidates, scores);
            assertThat(scores).containsExactly(0, 1);
            clock.advance(Duration.ofMillis(2_001));
            scorer.index().expireSpeculations();
            scorer.score(new CycleState(), request(text), candidates, scores);
            assertThat(scores).containsExactly(0, 0);
        }
    }

    @Test
    void theFactoryReadsLlmdParameterNamesAndReportsBadOnes() {
        PluginParameters params = PluginParameters.of(Map.of("tokenProcessorConfig", Map.of("blockSize", -1),
                "indexerConfig", Map.of("blockTable", "btree"), "tokenizer", "nope",
                "kvEventsConfig", Map.of("podDiscoveryConfig", Map.of("socketPort", 70000))));
        var plugin = PrecisePrefixCacheScorer.FACTORY.create("p", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("tokenProcessorConfig.blockSize"))
                .anySatisfy(p -> assertThat(p).startsWith("indexerConfig.blockTable"))
                .anySatisfy(p -> assertThat(p).startsWith("tokenizer"))
                .anySatisfy(p -> assertThat(p).startsWith("kvEventsConfig.podDiscoveryConfig.socketPort"));
        assertThat(params.unknownKeys()).isEmpty();
        assertThat(plugin).isInstanceOf(PrecisePrefixCacheScorer.class);
    }

    private static KvCacheEvent.BlockStored stored(int[] tokens, int blocks, StorageTier tier, long firstHash) {
        long[] hashes = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            hashes[i] = firstHash + i;
        }
        return new KvCacheEvent.BlockStored(hashes, 0, false, Arrays.copyOf(tokens, blocks * 4), 4, null, null, tier);
    }
}
