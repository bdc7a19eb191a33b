package dev.sextant.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ReplicaEngineProperties {
    private static final EngineProfile H100 = EngineProfile.LLAMA_8B_H100;

    @Property(tries = 200)
    void ttftGrowsLinearlyInUncachedPromptTokens(@ForAll @IntRange(min = 1, max = 30_000) int length) {
        Recorder recorder = new Recorder();
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(H100), recorder, KvEventSink.NONE);
        engine.submit(EngineRequest.of("r", ReplicaEngineTest.tokens(0, length), 1), 0);
        engine.runUntilIdle();

        int chunks = (length + H100.maxNumBatchedTokens() - 1) / H100.maxNumBatchedTokens();
        double expected = chunks * H100.beta0Nanos() + H100.beta1NanosPerToken() * length;
        assertThat((double) recorder.completion("r").ttftNanos()).isCloseTo(expected,
                offset((double) chunks));
    }

    @Property(tries = 200)
    void aCachedPrefixRemovesItsTokensFromTheTtft(
            @ForAll @IntRange(min = 1, max = 4000) int shared, @ForAll @IntRange(min = 1, max = 4000) int tail) {
        Recorder recorder = new Recorder();
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(H100), recorder, KvEventSink.NONE);
        int[] first = ReplicaEngineTest.tokens(0, shared + 1);
        int[] second = new int[shared + tail];
        System.arraycopy(first, 0, second, 0, shared);
        for (int i = shared; i < second.length; i++) {
            second[i] = 1_000_000 + i;
        }
        engine.submit(EngineRequest.of("first", first, 1), 0);
        engine.runUntilIdle();
        engine.submit(EngineRequest.of("second", second, 1), engine.now());
        engine.runUntilIdle();

        Completion c = recorder.completion("second");
        int expectedCached = Math.min(shared / 16, (second.length - 1) / 16) * 16;
        assertThat(c.cachedTokens()).isEqualTo(expectedCached);
        double expected = H100.beta0Nanos() + H100.beta1NanosPerToken() * (second.length - expectedCached);
        assertThat((double) c.ttftNanos()).isCloseTo(expected, offset(1.0));
    }

    /**
     * Any workload on a small replica: blocks in use never exceed the capacity, adapters never
     * exceed the slots, the batch never exceeds max_num_seqs, every request finishes with the
     * tokens it asked for, and nothing stays referenced at the end.
     */
    @Property(tries = 150)
    void blocksAdaptersAndBatchStayWithinTheirLimits(
            @ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("arrivals") Arrival> arrivals,
            @ForAll @IntRange(min = 1, max = 3) int maxLoras) {
        EngineProfile small = H100.withNumGpuBlocks(12).withLimits(4, 64, 4096);
        Recorder recorder = new Recorder();
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(small).withMaxLoras(maxLoras), recorder, recorder);
        long t = 0;
        int i = 0;
        for (Arrival a : arrivals) {
            t += a.gapNanos();
            drainUntil(engine, t, small, maxLoras);
            engine.submit(a.request("r" + i++), t);
            check(engine, small, maxLoras);
        }
        drainUntil(engine, Long.MAX_VALUE - 1, small, maxLoras);

        assertThat(recorder.completions).hasSize(arrivals.size());
        for (int k = 0; k < arrivals.size(); k++) {
            Completion c = recorder.completion("r" + k);
            assertThat(c.outputTokens()).isEqualTo(arrivals.get(k).output());
            assertThat(c.finishReason()).isEqualTo(FinishReason.LENGTH);
        }
        assertThat(engine.usedBlocks()).isZero();
        assertThat(engine.hasWork()).isFalse();
    }

    private static void drainUntil(ReplicaEngine engine, long t, EngineProfile profile, int maxLoras) {
        while (engine.nextEventTime() <= t) {
            engine.advanceTo(engine.nextEventTime());
            check(engine, profile, maxLoras);
        }
    }

    private static void check(ReplicaEngine engine, EngineProfile profile, int maxLoras) {
        assertThat(engine.usedBlocks()).isBetween(0, profile.numGpuBlocks());
        assertThat(engine.residentAdapterCount()).isLessThanOrEqualTo(maxLoras);
        assertThat(engine.runningCount()).isLessThanOrEqualTo(profile.maxNumSeqs());
        EngineSnapshot s = engine.snapshot();
        assertThat(s.runningAdapters().size()).isLessThanOrEqualTo(maxLoras);
        assertThat(s.kvCacheUsage()).isBetween(0.0, 1.0);
    }

    /** One request of a generated workload: a shared prefix (one of four), a tail, an adapter or none. */
    record Arrival(long gapNanos, int prefix, int promptLength, int output, int lora) {
        EngineRequest request(String id) {
            int[] tokens = new int[promptLength];
            for (int i = 0; i < promptLength; i++) {
                tokens[i] = i < 48 ? prefix * 1000 + i : 100_000 + i * 7 + prefix;
            }
            return EngineRequest.of(id, tokens, output).withLora(lora < 0 ? null : "adapter-" + lora);
        }
    }

    @Provide
    Arbitrary<Arrival> arrivals() {
        return Combinators.combine(
                Arbitraries.longs().between(0, 20_000_000),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 80),
                Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(-1, 3)).as(Arrival::new);
    }
}
