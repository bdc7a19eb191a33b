package dev.sextant.bench.art;

import java.nio.charset.StandardCharsets;
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
 * go-simd-art's dense benchmarks, same definitions: 4,096 keys {@code /a/b/c} with each of a, b, c in
 * a..p, so every level below the root is a full Node16 and the Node16 search dominates.
 *
 * <ul>
 *   <li>{@code searchDense}: look up every key, in insertion order;
 *   <li>{@code searchDenseMiss}: look up the 256 keys {@code /a/b/z}, which fail at the last Node16;
 *   <li>{@code longestPrefixDense}: routes {@code /}, {@code /a}, {@code /a/b} … {@code /a/b/c/d/e}
 *       and the query {@code /a/b/c/d/e/f/g}.
 * </ul>
 *
 * Results are per lookup. Baselines run the same loops; for the longest prefix they probe the
 * query's prefixes from the longest down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages", "-Xms2g", "-Xmx2g"})
public class ArtDenseBenchmark {
    static final int DENSE_KEYS = 16 * 16 * 16;
    static final int DENSE_MISSES = 16 * 16;

    @Param({"ART_VECTOR", "ART_SCALAR", "TREE_MAP", "SKIP_LIST", "HASH_MAP"})
    MapUnderTest.Kind map;

    private MapUnderTest dense;
    private Object[] keys;
    private Object[] missKeys;
    private MapUnderTest routes;
    private byte[] routeQuery;
    private Object[] routeQueryPrefixes;

    @Setup
    public void setUp() {
        dense = map.create();
        keys = new Object[DENSE_KEYS];
        missKeys = new Object[DENSE_MISSES];
        int i = 0;
        int m = 0;
        for (byte a = 'a'; a <= 'p'; a++) {
            for (byte b = 'a'; b <= 'p'; b++) {
                for (byte c = 'a'; c <= 'p'; c++) {
                    keys[i] = dense.key(new byte[] {'/', a, '/', b, '/', c});
                    dense.put(keys[i], i);
                    i++;
                }
                missKeys[m++] = dense.key(new byte[] {'/', a, '/', b, '/', 'z'});
            }
        }
        routes = map.create();
        for (String route : new String[] {"/", "/a", "/a/b", "/a/b/c", "/a/b/c/d", "/a/b/c/d/e"}) {
            routes.put(routes.key(route.getBytes(StandardCharsets.US_ASCII)), route);
        }
        routeQuery = "/a/b/c/d/e/f/g".getBytes(StandardCharsets.US_ASCII);
        routeQueryPrefixes = new Object[routeQuery.length + 1];
        for (int n = 0; n <= routeQuery.length; n++) {
            routeQueryPrefixes[n] = routes.key(java.util.Arrays.copyOf(routeQuery, n));
        }
    }

    @Benchmark
    @OperationsPerInvocation(DENSE_KEYS)
    public void searchDense(Blackhole bh) {
        for (Object key : keys) {
            bh.consume(dense.get(key));
        }
    }

    @Benchmark
    @OperationsPerInvocation(DENSE_MISSES)
    public void searchDenseMiss(Blackhole bh) {
        for (Object key : missKeys) {
            bh.consume(dense.get(key));
        }
    }

    @Benchmark
    public Object longestPrefixDense() {
        return routes.longestPrefix(routeQuery, routeQueryPrefixes);
    }
}
