package dev.sextant.bench.simulator;

import dev.sextant.simulator.engine.Completion;
import dev.sextant.simulator.engine.EngineConfig;
import dev.sextant.simulator.engine.EngineListener;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.engine.EngineRequest;
import dev.sextant.simulator.engine.KvEvent;
import dev.sextant.simulator.engine.KvEventSink;
import dev.sextant.simulator.engine.ReplicaEngine;
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
 * One simulated replica driven in virtual time, as the cluster simulator drives it: 6,250 requests
 * (one sixteenth of 100,000) with Poisson arrivals at 40 requests/s, prompts of 1,000 tokens that
 * start with one of 50 shared 768-token prefixes, 200 output tokens each, llama-8b-h100. One
 * operation runs the whole workload through a fresh engine; divide by 6,250 for the cost per request.
 *
 * <p>Target: 16 replicas × 100,000 requests in under 60 s of wall time, i.e. one operation (6,250
 * requests) well under 60 s / 16 × the cores in use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Xmx1g"})
public class ReplicaEngineBenchmark {
    private static final int REQUESTS = 6_250;

    /** Whether KV events are built (a cluster simulator feeding a precise prefix index needs them). */
    @Param({"false", "true"})
    boolean kvEvents;

    private EngineRequest[] requests;
    private long[] arrivals;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        int[][] prefixes = new int[50][768];
        for (int[] prefix : prefixes) {
            for (int i = 0; i < prefix.length; i++) {
                prefix[i] = random.nextInt(100_000);
            }
        }
        requests = new EngineRequest[REQUESTS];
        arrivals = new long[REQUESTS];
        long t = 0;
        for (int r = 0; r < REQUESTS; r++) {
            int[] prompt = new int[1_000];
            System.arraycopy(prefixes[random.nextInt(prefixes.length)], 0, prompt, 0, 768);
            for (int i = 768; i < prompt.length; i++) {
                prompt[i] = random.nextInt(100_000);
            }
            requests[r] = EngineRequest.of("r" + r, prompt, 200).withOutputSeed(r);
            t += (long) (-Math.log(1 - random.nextDouble()) / 40.0 * 1e9);
            arrivals[r] = t;
        }
    }

    @Benchmark
    public long runWorkload() {
        long[] finished = new long[1];
        EngineListener listener = new EngineListener() {
            @Override
            public void finished(Completion completion) {
                finished[0] += completion.outputTokens();
            }
        };
        KvEventSink sink = kvEvents ? new CountingSink() : KvEventSink.NONE;
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(EngineProfile.LLAMA_8B_H100), listener, sink);
        for (int r = 0; r < REQUESTS; r++) {
            while (engine.nextEventTime() <= arrivals[r]) {
                engine.advanceTo(engine.nextEventTime());
            }
            engine.submit(requests[r], arrivals[r]);
        }
        engine.runUntilIdle();
        if (finished[0] != 200L * REQUESTS) {
            throw new IllegalStateException("tokens generated: " + finished[0]);
        }
        return engine.now();
    }

    private static final class CountingSink implements KvEventSink {
        long events;

        @Override
        public void publish(long nanos, List<KvEvent> batch) {
            events += batch.size();
        }
    }
}
