package dev.sextant.bench.art;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Bytes per key of each map holding 1,000,000 64-bit keys (libart's dense and random sets), reported
 * as the secondary result {@code bytesPerKey}. The primary time result is meaningless here.
 *
 * <p>How it is measured (one build per fork): a full GC, the heap's used bytes, build the map, a full GC again, the used
 * bytes again; the difference divided by the number of keys. The map owns its keys as it would in
 * use (the ART copies each key; the sorted maps get a fresh 8-byte array per key; the HashMap a fresh
 * {@link Long}), and every value is the same object, so values are not counted. The live key arrays
 * the benchmark holds exist before the first measurement and are not counted either.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1) // JMH adds EVENTS counters up over iterations: one keeps bytesPerKey per key
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms4g", "-Xmx4g"})
public class ArtFootprintBenchmark {
    @Param({"ART_VECTOR", "TREE_MAP", "SKIP_LIST", "HASH_MAP"})
    MapUnderTest.Kind map;

    @Param({"DENSE", "RANDOM"})
    LongKeys keys;

    private long[] values;

    @Setup(Level.Trial)
    public void makeKeys() {
        values = keys.make();
    }

    /** The measurement, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double bytesPerKey;
    }

    @Benchmark
    public void build(Footprint footprint) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        MapUnderTest m = map.create();
        for (long value : values) {
            m.put(m.key(value), Boolean.TRUE);
        }
        long after = usedAfterGc(memory);
        Reference.reachabilityFence(m);
        footprint.bytesPerKey = (double) (after - before) / values.length;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
