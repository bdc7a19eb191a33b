package dev.sextant.bench.art;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-simd-art's PrefixScanDense: the 4,096 dense keys {@code /a/b/c}, visiting the 16 entries under
 * {@code /h/h} (the ART by prefix iteration, the sorted maps by {@code subMap}). {@link java.util.HashMap}
 * cannot scan by prefix and is left out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms2g", "-Xmx2g"})
public class ArtDensePrefixScanBenchmark {
    @Param({"ART_VECTOR", "ART_SCALAR", "TREE_MAP", "SKIP_LIST"})
    MapUnderTest.Kind map;

    private MapUnderTest dense;
    private final byte[] prefix = {'/', 'h', '/', 'h'};
    private final byte[] prefixEnd = {'/', 'h', '/', 'i'};

    @Setup
    public void setUp() {
        dense = map.create();
        int i = 0;
        for (byte a = 'a'; a <= 'p'; a++) {
            for (byte b = 'a'; b <= 'p'; b++) {
                for (byte c = 'a'; c <= 'p'; c++) {
                    dense.put(dense.key(new byte[] {'/', a, '/', b, '/', c}), i++);
                }
            }
        }
    }

    @Benchmark
    public long prefixScanDense() {
        return dense.sumWithPrefix(prefix, prefixEnd);
    }
}
