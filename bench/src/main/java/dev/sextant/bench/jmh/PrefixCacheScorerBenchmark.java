package dev.sextant.bench.jmh;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.scorer.prefix.PrefixCacheScorer;
import dev.sextant.plugins.scorer.prefix.PrefixCacheSettings;
import dev.sextant.plugins.scorer.prefix.PromptBlockHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The approximate prefix-cache scorer on an 8k-token prompt (32,768 characters) against 64 endpoints:
 * one {@code score} call with a fresh cycle state, so the prompt is hashed every time, as for a new
 * request. {@code holders} is how many of the 64 endpoints already hold the whole prompt (the others
 * hold other prompts): 0 is a cold request, 64 the worst case where every candidate matches every
 * block. {@code hashOnly} isolates the cost of cutting and hashing the prompt.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders"})
public class PrefixCacheScorerBenchmark {
    private static final int ENDPOINTS = 64;
    private static final int PROMPT_CHARS = 8192 * 4;
    private static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    @Param({"0", "1", "64"})
    int holders;

    @Param({"256", "512"})
    int maxPrefixBlocksToMatch;

    private PrefixCacheScorer scorer;
    private ListCandidates candidates;
    private InferenceRequest request;
    private double[] scores;

    @Setup(Level.Trial)
    public void setUp() {
        scorer = new PrefixCacheScorer("prefix", new PrefixCacheSettings(16, maxPrefixBlocksToMatch, 0, 31_250, true,
                Duration.ofMinutes(10)), Clock.system());
        SplittableRandom random = new SplittableRandom(42);
        List<EndpointSnapshot> endpoints = new ArrayList<>(ENDPOINTS);
        for (int i = 0; i < ENDPOINTS; i++) {
            endpoints.add(EndpointSnapshot.of(Endpoint.of("10.0." + (i >> 8) + "." + (i & 255) + ":8000"),
                    EndpointMetrics.builder().cacheBlockSize(16).cacheNumBlocks(31_250).updatedAtNanos(0).build()));
        }
        candidates = new ListCandidates(endpoints);
        request = request("bench", randomText(random, PROMPT_CHARS));
        for (int i = 0; i < ENDPOINTS; i++) {
            // Every endpoint holds a few other prompts; the first `holders` also hold the benchmarked one.
            for (int other = 0; other < 4; other++) {
                send(request("other-" + i + "-" + other, randomText(random, PROMPT_CHARS)), endpoints.get(i));
            }
            if (i < holders) {
                send(request, endpoints.get(i));
            }
        }
        scores = new double[ENDPOINTS];
    }

    private void send(InferenceRequest r, EndpointSnapshot target) {
        CycleState state = new CycleState();
        scorer.score(state, r, candidates, new double[ENDPOINTS]);
        ProfileResults profiles = ProfileResults.EMPTY.with(new ProfileResult.Picked("default", List.of(target)));
        scorer.preRequest(state, r, new SchedulingResult.Scheduled("default", profiles), NO_HEADERS);
    }

    private static InferenceRequest request(String id, String prompt) {
        return InferenceRequest.builder(id).model("meta-llama/Llama-3.1-8B-Instruct")
                .prompt(PromptView.ofText(prompt)).build();
    }

    private static String randomText(SplittableRandom random, int chars) {
        StringBuilder b = new StringBuilder(chars);
        while (b.length() < chars) {
            b.append((char) ('a' + random.nextInt(26)));
            if (random.nextInt(6) == 0) {
                b.append(' ');
            }
        }
        b.setLength(chars);
        return b.toString();
    }

    @Benchmark
    public double score() {
        scorer.score(new CycleState(), request, candidates, scores);
        return scores[0];
    }

    @Benchmark
    public long[] hashOnly() {
        return PromptBlockHasher.hashBlocks(request.targetModel(), request.cacheSalt(), request.prompt().text(), 16,
                maxPrefixBlocksToMatch);
    }

    /** A fixed list of candidates. */
    private record ListCandidates(List<EndpointSnapshot> items) implements Candidates {
        @Override
        public int size() {
            return items.size();
        }

        @Override
        public EndpointSnapshot get(int index) {
            return items.get(index);
        }

        @Override
        public void drop(int index) {
            throw new UnsupportedOperationException("scorers do not drop");
        }

        @Override
        public boolean isDropped(int index) {
            return false;
        }
    }
}
