package dev.sextant.bench.art;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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
 * go-simd-art's Search and SearchMiss: 100,000 random 20-byte keys {@code key_%016x} (a random
 * non-negative long in hex), looked up in insertion order; the misses are 100,000 keys
 * {@code miss_%016x}. Results are per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms2g", "-Xmx2g"})
public class ArtHexKeysBenchmark {
    static final int KEYS = 100_000;

    @Param({"ART_VECTOR", "ART_SCALAR", "TREE_MAP", "SKIP_LIST", "HASH_MAP"})
    MapUnderTest.Kind map;

    private MapUnderTest hex;
    private Object[] keys;
    private Object[] missKeys;

    @Setup
    public void setUp() {
        hex = map.create();
        SplittableRandom random = new SplittableRandom(20);
        keys = new Object[KEYS];
        missKeys = new Object[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = hex.key(hexKey("key_", random));
            hex.put(keys[i], i);
        }
        for (int i = 0; i < KEYS; i++) {
            missKeys[i] = hex.key(hexKey("miss_", random));
        }
    }

    static byte[] hexKey(String prefix, SplittableRandom random) {
        return String.format("%s%016x", prefix, random.nextLong() & Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void search(Blackhole bh) {
        for (Object key : keys) {
            bh.consume(hex.get(key));
        }
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void searchMiss(Blackhole bh) {
        for (Object key : missKeys) {
            bh.consume(hex.get(key));
        }
    }
}
