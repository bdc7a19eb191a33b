package dev.sextant.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaEngineTest {
    private static final EngineProfile H100 = EngineProfile.LLAMA_8B_H100;

    private final Recorder recorder = new Recorder();

    private ReplicaEngine engine(EngineProfile profile, int maxLoras) {
        return new ReplicaEngine(EngineConfig.of(profile).withMaxLoras(maxLoras), recorder, recorder);
    }

    static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    @Test
    void aRepeatedPromptIsServedFromTheCacheAndStartsSooner() {
        ReplicaEngine engine = engine(H100, 1);
        int[] prompt = tokens(0, 1000);
        engine.submit(EngineRequest.of("a", prompt, 4), 0);
        engine.runUntilIdle();
        long t = engine.now() + 1_000_000;
        engine.submit(EngineRequest.of("b", prompt, 4), t);
        engine.runUntilIdle();

        Completion first = recorder.completion("a");
        Completion second = recorder.completion("b");
        assertThat(first.cachedTokens()).isZero();
        // Full blocks only, and never the block of the last prompt token: 999 / 16 = 62 blocks.
        assertThat(second.cachedTokens()).isEqualTo(62 * 16);
        assertThat(second.ttftNanos()).isLessThan(first.ttftNanos());
        assertThat(second.ttftNanos()).isEqualTo(Math.round(H100.beta0Nanos() + H100.beta1NanosPerToken() * (1000 - 992)));
        assertThat(engine.snapshot().prefixCacheHits()).isEqualTo(992);
        assertThat(engine.snapshot().prefixCacheQueries()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "lora={0} salt={1}")
    @CsvSource(nullValues = "-", value = {"ad1,-", "-,salt", "ad1,salt"})
    void adapterAndCacheSaltArePartOfTheBlockKey(String lora, String salt) {
        ReplicaEngine engine = engine(H100, 1);
        int[] prompt = tokens(0, 100);
        engine.submit(EngineRequest.of("base", prompt, 1), 0);
        engine.runUntilIdle();
        engine.submit(EngineRequest.of("other", prompt, 1).withLora(lora).withCacheSalt(salt), engine.now());
        engine.runUntilIdle();
        engine.submit(EngineRequest.of("again", prompt, 1).withLora(lora).withCacheSalt(salt), engine.now());
        engine.runUntilIdle();

        assertThat(recorder.completion("other").cachedTokens()).isZero();
        assertThat(recorder.completion("again").cachedTokens()).isEqualTo(96);
    }

    @Test
    void evictionTakesTheLeastRecentlyUsedPrefixFirst() {
        // 12 blocks of 16 tokens. A and B each leave 4 cached blocks; A is used again; C needs 7 new
        // blocks and must evict B's prefix, not A's.
        ReplicaEngine engine = engine(H100.withNumGpuBlocks(12), 1);
        int[] a = tokens(0, 65);
        int[] b = tokens(10_000, 65);
        int[] c = tokens(20_000, 100);
        run(engine, EngineRequest.of("a1", a, 1));
        run(engine, EngineRequest.of("b1", b, 1));
        run(engine, EngineRequest.of("a2", a, 1));
        run(engine, EngineRequest.of("c", c, 1));
        run(engine, EngineRequest.of("a3", a, 1));
        run(engine, EngineRequest.of("b2", b, 1));

        assertThat(recorder.completion("a2").cachedTokens()).isEqualTo(64);
        assertThat(recorder.completion("a3").cachedTokens()).isEqualTo(64);
        assertThat(recorder.completion("b2").cachedTokens()).isZero();
        long[] bHashes = storedHashesOf(b);
        List<Long> removed = new ArrayList<>();
        for (KvEvent e : recorder.events) {
            if (e instanceof KvEvent.BlockRemoved r) {
                Arrays.stream(r.blockHashes()).forEach(removed::add);
            }
        }
        assertThat(removed).containsAll(Arrays.stream(bHashes).boxed().toList());
        assertThat(removed).doesNotContainAnyElementsOf(Arrays.stream(storedHashesOf(a)).boxed().toList());
    }

    private long[] storedHashesOf(int[] prompt) {
        for (KvEvent e : recorder.events) {
            if (e instanceof KvEvent.BlockStored s && s.parentBlockHash() == null && s.tokenIds()[0] == prompt[0]) {
                return s.blockHashes();
            }
        }
        throw new AssertionError("no BlockStored for prompt starting with " + prompt[0]);
    }

    private static void run(ReplicaEngine engine, EngineRequest request) {
        engine.submit(request, engine.now());
        engine.runUntilIdle();
    }

    @Test
    void blockStoredEventsCarryTheExactTokensAndChainTheirHashes() {
        ReplicaEngine engine = engine(H100, 2);
        int[] prompt = tokens(5, 50);
        engine.submit(EngineRequest.of("x", prompt, 20).withLora("alice"), 0);
        engine.runUntilIdle();

        List<KvEvent.BlockStored> stored = recorder.events.stream()
                .filter(KvEvent.BlockStored.class::isInstance).map(KvEvent.BlockStored.class::cast).toList();
        assertThat(stored).isNotEmpty();
        assertThat(stored.getFirst().parentBlockHash()).isNull();
        assertThat(Arrays.copyOf(stored.getFirst().tokenIds(), 48)).containsExactly(Arrays.copyOf(prompt, 48));
        long previous = 0;
        int blocks = 0;
        for (KvEvent.BlockStored s : stored) {
            assertThat(s.blockSize()).isEqualTo(16);
            assertThat(s.tokenIds()).hasSize(16 * s.blockHashes().length);
            assertThat(s.loraName()).isEqualTo("alice");
            assertThat(s.loraId()).isEqualTo(1);
            if (blocks > 0) {
                assertThat(s.parentBlockHash()).isEqualTo(previous);
            }
            previous = s.blockHashes()[s.blockHashes().length - 1];
            blocks += s.blockHashes().length;
        }
        // 50 prompt + 19 computed output tokens = 69 tokens of KV: 4 full blocks.
        assertThat(blocks).isEqualTo(4);
        assertThat(engine.cachedBlockHashes()).hasSize(4);
    }

    @Test
    void preemptedRequestsAreRecomputedAndStillFinish() {
        // 10 blocks; four requests of 30 prompt + 40 output tokens (5 blocks each) cannot all grow.
        ReplicaEngine engine = engine(H100.withNumGpuBlocks(10), 1);
        for (int i = 0; i < 4; i++) {
            engine.submit(EngineRequest.of("r" + i, tokens(i * 1000, 30), 40), 0);
        }
        engine.runUntilIdle();

        assertThat(engine.snapshot().preemptions()).isPositive();
        for (int i = 0; i < 4; i++) {
            assertThat(recorder.completion("r" + i).outputTokens()).isEqualTo(40);
        }
        assertThat(recorder.completions.values()).anyMatch(c -> c.preemptions() > 0);
        assertThat(engine.usedBlocks()).isZero();
    }

    @Test
    void aRequestForAnotherAdapterWaitsForAFreeSlot() {
        ReplicaEngine engine = engine(H100, 1);
        engine.submit(EngineRequest.of("a", tokens(0, 10), 50).withLora("a"), 0);
        engine.submit(EngineRequest.of("b", tokens(0, 10), 5).withLora("b"), 0);
        engine.submit(EngineRequest.of("base", tokens(0, 10), 5), 0);
        engine.advanceTo(1);
        assertThat(engine.snapshot().waitingAdapters()).containsExactly("b");
        assertThat(engine.snapshot().runningAdapters()).containsExactly("a");
        engine.runUntilIdle();

        // The base-model request does not wait behind the adapter: it finishes long before b starts.
        assertThat(recorder.completion("base").finishNanos()).isLessThan(recorder.completion("a").finishNanos());
        assertThat(recorder.completion("b").firstScheduledNanos()).isEqualTo(recorder.completion("a").finishNanos());
        assertThat(engine.adapterLoads()).isEqualTo(2);
    }

    @Test
    void aDecodeLegPaysTransferInsteadOfPrefill() {
        ReplicaEngine engine = engine(H100, 1);
        engine.submit(EngineRequest.of("d", tokens(0, 20_000), 2).withDisaggregation(true, false), 0);
        engine.runUntilIdle();
        long expected = Math.round(H100.beta0Nanos() + H100.kvTransferNanosPerToken() * 20_000);
        assertThat(recorder.completion("d").ttftNanos()).isEqualTo(expected);
    }

    @Test
    void aPrefillLegReportsItsBlocks() {
        ReplicaEngine engine = engine(H100, 1);
        engine.submit(EngineRequest.of("p", tokens(0, 40), 1).withDisaggregation(false, true), 0);
        engine.runUntilIdle();
        assertThat(recorder.completion("p").blockIds()).hasSize(3);
    }

    @Test
    void cancellingFreesTheRequestsBlocks() {
        ReplicaEngine engine = engine(H100, 1);
        EngineRequest r = EngineRequest.of("c", tokens(0, 100), 1000);
        engine.submit(r, 0);
        engine.advanceTo(100_000_000);
        assertThat(engine.usedBlocks()).isPositive();
        assertThat(engine.cancel(r)).isTrue();
        assertThat(engine.cancel(r)).isFalse();
        engine.runUntilIdle();
        assertThat(engine.usedBlocks()).isZero();
        assertThat(recorder.completion("c").finishReason()).isEqualTo(FinishReason.ABORT);
        assertThat(engine.snapshot().finished().get(FinishReason.ABORT)).isEqualTo(1);
    }

    @Test
    void requestsThatCanNeverFitAreRefused() {
        ReplicaEngine engine = engine(H100.withNumGpuBlocks(4), 0);
        assertThat(engine.rejectionReason(EngineRequest.of("ok", tokens(0, 60), 4))).isNull();
        assertThat(engine.rejectionReason(EngineRequest.of("big", tokens(0, 60), 5))).contains("KV blocks");
        assertThat(engine.rejectionReason(EngineRequest.of("lora", tokens(0, 1), 1).withLora("x")))
                .contains("max_loras is 0");
        assertThatThrownBy(() -> engine.submit(EngineRequest.of("long", tokens(0, 40_000), 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_model_len");
    }

    @Test
    void aSnapshotConvertsToTheRoutersEndpointMetrics() {
        ReplicaEngine engine = engine(H100, 2);
        engine.submit(EngineRequest.of("a", tokens(0, 64), 100).withLora("x"), 0);
        engine.submit(EngineRequest.of("b", tokens(0, 64), 100).withLora("y"), 0);
        engine.submit(EngineRequest.of("c", tokens(0, 64), 100).withLora("z"), 0);
        engine.advanceTo(1);
        dev.sextant.api.endpoint.EndpointMetrics m = engine.snapshot().toEndpointMetrics();
        assertThat(m.runningRequests()).isEqualTo(2);
        assertThat(m.waitingQueueSize()).isEqualTo(1);
        assertThat(m.lora().running()).containsExactlyInAnyOrder("x", "y");
        assertThat(m.lora().waiting()).containsExactly("z");
        assertThat(m.lora().maxActive()).isEqualTo(2);
        assertThat(m.cacheBlockSize()).isEqualTo(16);
        assertThat(m.cacheNumBlocks()).isEqualTo(27_000);
        // 64 prompt tokens each: 4 blocks per running request until decoding needs a fifth.
        assertThat(m.kvCacheUsage()).isEqualTo(8.0 / 27_000);
        assertThat(m.updatedAtNanos()).isEqualTo(1);
    }

    @Test
    void timeNeverGoesBackwards() {
        ReplicaEngine engine = engine(H100, 1);
        engine.advanceTo(10);
        assertThatThrownBy(() -> engine.advanceTo(9)).hasMessage("nanos: 9 (expected: >= 10)");
    }

    @Test
    void decodeStepsCostBetaZeroPlusBetaTwoPerRunningRequest() {
        ReplicaEngine engine = engine(H100, 1);
        engine.submit(EngineRequest.of("a", tokens(0, 16), 3), 0);
        engine.submit(EngineRequest.of("b", tokens(100, 16), 3), 0);
        engine.runUntilIdle();
        Completion a = recorder.completion("a");
        long decodeStep = Math.round(H100.beta0Nanos() + 2 * H100.beta2NanosPerToken());
        assertThat(a.finishNanos() - a.firstTokenNanos()).isEqualTo(2 * decodeStep);
        assertThat(engine.snapshot().interTokenLatency().count()).isEqualTo(4);
    }

    @Test
    void throughputGrowsWithLoadThenSaturatesAtTheBatchLimit() {
        int[] concurrency = {1, 4, 16, 64, 256, 1024};
        double[] throughput = new double[concurrency.length];
        for (int i = 0; i < concurrency.length; i++) {
            throughput[i] = closedLoopTokensPerSecond(concurrency[i]);
        }
        for (int i = 1; i < 5; i++) {
            assertThat(throughput[i]).as("throughput at %d clients", concurrency[i]).isGreaterThan(throughput[i - 1]);
        }
        // Beyond max_num_seqs (256) more clients only queue: no more than a few percent gained.
        assertThat(throughput[5]).isLessThan(throughput[4] * 1.05);
    }

    /** Output tokens per simulated second with {@code clients} requests always in flight. */
    private static double closedLoopTokensPerSecond(int clients) {
        List<Completion> done = new ArrayList<>();
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(H100), new EngineListener() {
            @Override
            public void finished(Completion c) {
                done.add(c);
            }
        }, KvEventSink.NONE);
        int target = Math.max(400, clients * 3);
        int submitted = 0;
        for (; submitted < clients; submitted++) {
            engine.submit(EngineRequest.of("r" + submitted, tokens(submitted * 200, 128), 64), 0);
        }
        int handled = 0;
        long tokensAfterWarmup = 0;
        long warmupEnd = -1;
        while (done.size() < target) {
            engine.advanceTo(engine.nextEventTime());
            for (; handled < done.size(); handled++) {
                if (handled == clients && warmupEnd < 0) {
                    warmupEnd = engine.now();
                }
                if (warmupEnd >= 0) {
                    tokensAfterWarmup += done.get(handled).outputTokens();
                }
                engine.submit(EngineRequest.of("r" + submitted, tokens(submitted * 200, 128), 64), engine.now());
                submitted++;
            }
        }
        return tokensAfterWarmup / ((engine.now() - warmupEnd) / 1e9);
    }
}
