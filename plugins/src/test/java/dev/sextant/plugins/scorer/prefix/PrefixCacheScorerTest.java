package dev.sextant.plugins.scorer.prefix;

import static dev.sextant.plugins.scorer.prefix.PrefixFixtures.NO_HEADERS;
import static dev.sextant.plugins.scorer.prefix.PrefixFixtures.blocks;
import static dev.sextant.plugins.scorer.prefix.PrefixFixtures.picked;
import static dev.sextant.plugins.scorer.prefix.PrefixFixtures.request;
import static dev.sextant.plugins.scorer.prefix.PrefixFixtures.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefixCacheScorerTest {
    private final TestPluginContext ctx = TestPluginContext.seeded(1);
    private final List<EndpointSnapshot> endpoints = TestCandidates.withQueues(0, 0, 0);

    private PrefixCacheScorer scorer(Map<String, ?> params) {
        return PrefixFixtures.create(PrefixCacheScorer.FACTORY, PrefixCacheScorer.class, ctx, params);
    }

    /** Scores {@code request}, then sends it to endpoint {@code target}; returns the scores it had. */
    private double[] send(PrefixCacheScorer scorer, InferenceRequest request, int target) {
        PrefixFixtures.Scored scored = score(scorer, request, endpoints);
        scorer.preRequest(scored.state(), request, picked(Map.entry("default", endpoints.get(target))), NO_HEADERS);
        return scored.scores();
    }

    @Test
    void scoresTheShareOfLeadingBlocksTheEndpointHolds() {
        PrefixCacheScorer scorer = scorer(Map.of());
        String shared = blocks('a', 5);
        assertThat(send(scorer, request("m", "", shared + blocks('A', 5)), 1)).containsOnly(0.0);

        PrefixFixtures.Scored again = score(scorer, request("m", "", shared + blocks('k', 5) + "tail"), endpoints);
        assertThat(again.scores()).containsExactly(0.0, 0.5, 0.0);
        PrefixCacheMatches matches = again.state().get(PrefixCacheMatches.KEY);
        assertThat(matches.blockSizeTokens()).isEqualTo(16);
        assertThat(matches.totalBlocks()).isEqualTo(10);
        assertThat(matches.matchedBlocks()).containsExactly(Map.entry(endpoints.get(1).id(), 5));
        assertThat(matches.uncachedTokens(endpoints.get(1).id(), 170)).isEqualTo(170 - 5 * 16);
    }

    @Test
    void aPromptShorterThanOneBlockScoresZeroEverywhere() {
        PrefixCacheScorer scorer = scorer(Map.of());
        String prompt = "x".repeat(63);
        send(scorer, request("m", "", prompt), 0);
        PrefixFixtures.Scored scored = score(scorer, request("m", "", prompt), endpoints);
        assertThat(scored.scores()).containsOnly(0.0);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).totalBlocks()).isZero();
        assertThat(scorer.index().endpoints()).isZero();
    }

    @Test
    void modelsAndCacheSaltsDoNotShareCaches() {
        PrefixCacheScorer scorer = scorer(Map.of());
        String prompt = blocks('a', 4);
        send(scorer, request("llama", "tenant-1", prompt), 0);
        assertThat(score(scorer, request("llama", "tenant-1", prompt), endpoints).scores()).containsExactly(1.0, 0.0, 0.0);
        assertThat(score(scorer, request("llama", "tenant-2", prompt), endpoints).scores()).containsOnly(0.0);
        assertThat(score(scorer, request("llama", "", prompt), endpoints).scores()).containsOnly(0.0);
        assertThat(score(scorer, request("qwen", "tenant-1", prompt), endpoints).scores()).containsOnly(0.0);
    }

    @Test
    void theTargetModelNotTheIncomingOneSeedsTheHash() {
        PrefixCacheScorer scorer = scorer(Map.of());
        String prompt = blocks('a', 4);
        InferenceRequest toAdapter = InferenceRequest.builder("r").model("base").targetModel("adapter-1")
                .prompt(PromptView.ofText(prompt)).build();
        send(scorer, toAdapter, 2);
        assertThat(score(scorer, request("base", "", prompt), endpoints).scores()).containsOnly(0.0);
        assertThat(score(scorer, request("adapter-1", "", prompt), endpoints).scores()).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void promptViewsOfEveryFormAreHashedAsText() {
        PrefixCacheScorer scorer = scorer(Map.of());
        String system = "[{\"role\":\"system\",\"content\":\"" + "You are a careful assistant. ".repeat(20) + "\"}";
        InferenceRequest chat1 = InferenceRequest.builder("r").model("m")
                .prompt(PromptView.ofMessagesJson(system + ",{\"role\":\"user\",\"content\":\"first question\"}]")).build();
        InferenceRequest chat2 = InferenceRequest.builder("r").model("m")
                .prompt(PromptView.ofMessagesJson(system + ",{\"role\":\"user\",\"content\":\"second one\"}]")).build();
        send(scorer, chat1, 0);
        double[] scores = score(scorer, chat2, endpoints).scores();
        int blocks = chat2.prompt().length() / 64;
        assertThat(scores[0]).isEqualTo((double) (system.length() / 64) / blocks);
        InferenceRequest structured = InferenceRequest.builder("r").model("m")
                .prompt(new PromptView(PromptView.Form.STRUCTURED_JSON, chat1.prompt().text())).build();
        assertThat(score(scorer, structured, endpoints).scores()[0]).as("the form is not part of the hash").isEqualTo(1.0);
    }

    @Test
    void theLeastRecentlyRecordedBlocksAreForgottenFirst() {
        PrefixCacheScorer scorer = scorer(Map.of("lruCapacityPerServer", 8, "autoTune", false));
        String first = blocks('a', 6);
        String second = blocks('A', 4);
        send(scorer, request("m", "", first), 0);
        send(scorer, request("m", "", second), 0);
        assertThat(scorer.index().blocks(endpoints.get(0).id())).isEqualTo(8);
        // The second prompt is whole; of the first, the 4 leading blocks survive (tails go first).
        assertThat(score(scorer, request("m", "", second), endpoints).scores()[0]).isEqualTo(1.0);
        assertThat(score(scorer, request("m", "", first), endpoints).scores()[0]).isEqualTo(4.0 / 6);
        send(scorer, request("m", "", blocks('0', 8)), 0);
        assertThat(score(scorer, request("m", "", first), endpoints).scores()[0]).isZero();
    }

    @Test
    void reRecordingAPrefixMakesItYoungAgain() {
        PrefixCacheScorer scorer = scorer(Map.of("lruCapacityPerServer", 8));
        String hot = blocks('a', 4);
        send(scorer, request("m", "", hot), 0);
        send(scorer, request("m", "", blocks('A', 4)), 0);
        send(scorer, request("m", "", hot), 0);
        send(scorer, request("m", "", blocks('0', 4)), 0);
        assertThat(score(scorer, request("m", "", hot), endpoints).scores()[0]).isEqualTo(1.0);
    }

    @Test
    void matchesAtMostMaxPrefixBlocksToMatch() {
        PrefixCacheScorer scorer = scorer(Map.of("maxPrefixBlocksToMatch", 3));
        send(scorer, request("m", "", blocks('a', 3) + blocks('A', 3)), 0);
        PrefixFixtures.Scored scored = score(scorer, request("m", "", blocks('a', 3) + blocks('0', 3)), endpoints);
        assertThat(scored.scores()[0]).as("blocks beyond the limit are ignored").isEqualTo(1.0);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).totalBlocks()).isEqualTo(3);
        assertThat(scorer.index().blocks(endpoints.get(0).id())).isEqualTo(3);
    }

    @Test
    void maxPrefixTokensToMatchOverridesTheBlockLimit() {
        PrefixCacheScorer scorer = scorer(Map.of("maxPrefixTokensToMatch", 40));
        PrefixFixtures.Scored scored = score(scorer, request("m", "", blocks('a', 10)), endpoints);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).totalBlocks()).isEqualTo(2);
    }

    @Test
    void autoTuneTakesBlockSizeAndCapacityFromTheEndpointsCacheGeometry() {
        PrefixCacheScorer scorer = scorer(Map.of());
        EndpointMetrics geometry = EndpointMetrics.builder().cacheBlockSize(32).cacheNumBlocks(2).updatedAtNanos(0).build();
        List<EndpointSnapshot> tuned = List.of(endpoints.get(0), TestCandidates.snapshot(1, geometry));
        InferenceRequest request = request("m", "", blocks('a', 8));
        PrefixFixtures.Scored scored = score(scorer, request, tuned);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).blockSizeTokens()).isEqualTo(32);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).totalBlocks()).isEqualTo(4);
        scorer.preRequest(scored.state(), request, picked(Map.entry("default", tuned.get(1))), NO_HEADERS);
        assertThat(scorer.index().blocks(tuned.get(1).id())).as("num_gpu_blocks caps the LRU").isEqualTo(2);
        assertThat(score(scorer, request, tuned).scores()).containsExactly(0.0, 0.5);
    }

    @Test
    void withoutAutoTuneTheConfiguredGeometryIsUsed() {
        PrefixCacheScorer scorer = scorer(Map.of("autoTune", false, "blockSizeTokens", 8));
        EndpointMetrics geometry = EndpointMetrics.builder().cacheBlockSize(32).cacheNumBlocks(2).updatedAtNanos(0).build();
        List<EndpointSnapshot> tuned = List.of(TestCandidates.snapshot(0, geometry));
        InferenceRequest request = request("m", "", blocks('a', 8));
        PrefixFixtures.Scored scored = score(scorer, request, tuned);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).blockSizeTokens()).isEqualTo(8);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).totalBlocks()).isEqualTo(16);
        scorer.preRequest(scored.state(), request, picked(Map.entry("default", tuned.get(0))), NO_HEADERS);
        assertThat(scorer.index().blocks(tuned.get(0).id())).isEqualTo(16);
    }

    @Test
    void hostileCacheGeometryCannotBlowUpTheIndex() {
        PrefixCacheScorer scorer = scorer(Map.of());
        EndpointMetrics hostile = EndpointMetrics.builder().cacheBlockSize(Integer.MAX_VALUE)
                .cacheNumBlocks(Long.MAX_VALUE).updatedAtNanos(0).build();
        List<EndpointSnapshot> candidates = List.of(TestCandidates.snapshot(0, hostile));
        PrefixFixtures.Scored scored = score(scorer, request("m", "", blocks('a', 8)), candidates);
        assertThat(scored.scores()).containsOnly(0.0);
        assertThat(scored.state().get(PrefixCacheMatches.KEY).blockSizeTokens())
                .isEqualTo(PrefixCacheSettings.MAX_BLOCK_SIZE_TOKENS);
        assertThat(PrefixCacheSettings.DEFAULTS.capacity(hostile)).isEqualTo(PrefixCacheSettings.MAX_CAPACITY_PER_SERVER);
    }

    @Test
    void everyPickedProfileIsRecordedPrefillAndDecodeAlike() {
        PrefixCacheScorer scorer = scorer(Map.of());
        InferenceRequest request = request("m", "", blocks('a', 4));
        PrefixFixtures.Scored scored = score(scorer, request, endpoints);
        scorer.preRequest(scored.state(), request,
                picked(Map.entry("decode", endpoints.get(0)), Map.entry("prefill", endpoints.get(2))), NO_HEADERS);
        assertThat(score(scorer, request, endpoints).scores()).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void matchesFoundByTwoProfilesOfOneRequestAreMerged() {
        PrefixCacheScorer scorer = scorer(Map.of());
        InferenceRequest request = request("m", "", blocks('a', 4));
        send(scorer, request, 0);
        send(scorer, request("m", "", blocks('a', 2)), 2);
        CycleState state = new CycleState();
        score(scorer, state, request, List.of(endpoints.get(0), endpoints.get(1)));
        score(scorer, state, request, List.of(endpoints.get(2)));
        assertThat(state.get(PrefixCacheMatches.KEY).matchedBlocks())
                .containsOnly(Map.entry(endpoints.get(0).id(), 4), Map.entry(endpoints.get(2).id(), 2));
    }

    @Test
    void endpointsUnseenForTheIdleTimeoutAreForgotten() {
        ManualClock clock = (ManualClock) ctx.clock();
        PrefixCacheScorer scorer = scorer(Map.of("idleEndpointTimeout", "10m"));
        send(scorer, request("m", "", blocks('a', 4)), 0);
        send(scorer, request("m", "", blocks('b', 4)), 1);
        clock.advance(Duration.ofMinutes(6));
        score(scorer, request("m", "", "short"), List.of(endpoints.get(1)));
        clock.advance(Duration.ofMinutes(6));
        InferenceRequest last = request("m", "", blocks('c', 4));
        PrefixFixtures.Scored scored = score(scorer, last, List.of(endpoints.get(2)));
        scorer.preRequest(scored.state(), last, picked(Map.entry("default", endpoints.get(2))), NO_HEADERS);
        assertThat(scorer.index().blocks(endpoints.get(0).id())).as("gone from the pool, forgotten").isZero();
        assertThat(scorer.index().blocks(endpoints.get(1).id())).as("still a candidate, kept").isEqualTo(4);
        assertThat(scorer.index().endpoints()).isEqualTo(2);
    }

    @Test
    void concurrentScoringAndRecordingStayConsistent() throws Exception {
        PrefixCacheScorer scorer = scorer(Map.of("lruCapacityPerServer", 64));
        List<EndpointSnapshot> many = TestCandidates.withQueues(new int[16]);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        InferenceRequest r = request("m", "", blocks((char) ('a' + (i + seed) % 7), 4 + i % 5));
                        PrefixFixtures.Scored s = score(scorer, r, many);
                        for (double v : s.scores()) {
                            if (!(v >= 0 && v <= 1)) {
                                throw new AssertionError("score " + v);
                            }
                        }
                        scorer.preRequest(s.state(), r, picked(Map.entry("d", many.get((i * 7 + seed) % 16))), NO_HEADERS);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        IntStream.range(0, 16).forEach(i -> assertThat(scorer.index().blocks(many.get(i).id())).isBetween(0, 64));
    }
}
