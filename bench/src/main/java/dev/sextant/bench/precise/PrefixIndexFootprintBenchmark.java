package dev.sextant.bench.precise;

import dev.sextant.plugins.precise.index.BlockTable;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.SplittableRandom;
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
 * Bytes per indexed block of the precise prefix index, everything included (block table, holder words,
 * the per-endpoint engine-hash maps), reported as the secondary result {@code bytesPerBlock}.
 *
 * <p>64 endpoints each store {@code blocksPerEndpoint} blocks of their own (no block shared: the worst
 * case; a shared prefix costs one table entry for all its holders), fed as BlockStored events of 128
 * blocks. Heap used after full GCs, before and after, divided by the blocks indexed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-Xms4g", "-Xmx4g"})
public class PrefixIndexFootprintBenchmark {
    @Param({"OPEN", "ART", "HASH"})
    BlockTable.Kind table;

    @Param({"16384"})
    int blocksPerEndpoint;

    private int[][] prompts;

    @Setup(Level.Trial)
    public void makePrompts() {
        SplittableRandom random = new SplittableRandom(7);
        prompts = new int[PrefixIndexFixture.ENDPOINTS * blocksPerEndpoint / 128][];
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = PrefixIndexFixture.tokens(random, 128 * PrefixIndexFixture.BLOCK_SIZE);
        }
    }

    /** The measurement, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double bytesPerBlock;
    }

    @Benchmark
    public void build(Footprint footprint) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        KvBlockIndex index = PrefixIndexFixture.emptyIndex(table);
        SplittableRandom random = new SplittableRandom(11);
        long blocks = 0;
        int p = 0;
        for (int e = 0; e < PrefixIndexFixture.ENDPOINTS; e++) {
            var id = PrefixIndexFixture.endpoint(e);
            for (int b = 0; b < blocksPerEndpoint / 128; b++) {
                PrefixIndexFixture.store(index, id, prompts[p++], 128, random, b);
                blocks += 128;
            }
        }
        long after = usedAfterGc(memory);
        Reference.reachabilityFence(index);
        footprint.bytesPerBlock = (double) (after - before) / blocks;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
