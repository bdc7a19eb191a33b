package dev.sextant.bench.art;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * libart-style benchmarks on 1,000,000 64-bit keys, dense (0..n-1) or random, stored as 8-byte
 * big-endian arrays ({@link Long} for {@link java.util.HashMap}): insert all into an empty map, and
 * look every key up in shuffled order and in insertion order. Results are per key. Lookup keys are
 * made before the timed loop, in the order they are looked up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms4g", "-Xmx4g"})
public class ArtLongKeysBenchmark {
    @Param({"ART_VECTOR", "ART_SCALAR", "TREE_MAP", "SKIP_LIST", "HASH_MAP"})
    MapUnderTest.Kind map;

    @Param({"DENSE", "RANDOM"})
    LongKeys keys;

    private Object[] insertionOrder;
    private Object[] shuffledOrder;
    private MapUnderTest full;

    @Setup
    public void setUp() {
        long[] values = keys.make();
        full = map.create();
        insertionOrder = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            insertionOrder[i] = full.key(values[i]);
            full.put(insertionOrder[i], Boolean.TRUE);
        }
        long[] shuffled = LongKeys.shuffled(values);
        shuffledOrder = new Object[shuffled.length];
        for (int i = 0; i < shuffled.length; i++) {
            shuffledOrder[i] = full.key(shuffled[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LongKeys.COUNT)
    public Object insert() {
        MapUnderTest m = map.create();
        for (Object key : insertionOrder) {
            m.put(key, Boolean.TRUE);
        }
        return m;
    }

    @Benchmark
    @OperationsPerInvocation(LongKeys.COUNT)
    public void lookupShuffled(Blackhole bh) {
        for (Object key : shuffledOrder) {
            bh.consume(full.get(key));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LongKeys.COUNT)
    public void lookupInsertionOrder(Blackhole bh) {
        for (Object key : insertionOrder) {
            bh.consume(full.get(key));
        }
    }
}
