package dev.sextant.bench.art;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-simd-art's Insert and Delete on 1,000,000 random 20-byte keys {@code key_%016x}: insert all of
 * them into an empty map; delete all of them, in insertion order, from a full map built untimed.
 * Results are per key, and include the garbage collection the work causes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms4g", "-Xmx4g"})
public class ArtHexInsertBenchmark {
    static final int KEYS = 1_000_000;

    @Param({"ART_VECTOR", "ART_SCALAR", "TREE_MAP", "SKIP_LIST", "HASH_MAP"})
    MapUnderTest.Kind map;

    private Object[] keys;

    @Setup(Level.Trial)
    public void makeKeys() {
        MapUnderTest keyMaker = map.create();
        SplittableRandom random = new SplittableRandom(1_000_000);
        keys = new Object[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = keyMaker.key(ArtHexKeysBenchmark.hexKey("key_", random));
        }
    }

    @State(Scope.Thread)
    public static class FullMap {
        MapUnderTest map;

        @Setup(Level.Invocation)
        public void fill(ArtHexInsertBenchmark benchmark) {
            map = benchmark.map.create();
            for (int i = 0; i < KEYS; i++) {
                map.put(benchmark.keys[i], Boolean.TRUE);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public Object insert() {
        MapUnderTest m = map.create();
        for (Object key : keys) {
            m.put(key, Boolean.TRUE);
        }
        return m;
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public long delete(FullMap full) {
        long removed = 0;
        MapUnderTest m = full.map;
        for (Object key : keys) {
            if (m.remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }
}
