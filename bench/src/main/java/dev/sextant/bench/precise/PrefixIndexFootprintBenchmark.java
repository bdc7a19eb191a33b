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
 * the per-endpoint engine-hash maps), reported as secondary results.
 *
 * <p>64 endpoints each store {@code blocksPerEndpoint} blocks of their own (no block shared: the worst
 * case; a shared prefix costs one table entry for all its holders), fed round-robin as BlockStored events of
 * 128 blocks, so all endpoints grow together as in a cluster. Bytes per block are the heap used after full
 * GCs, less the heap before the index, divided by the blocks indexed.
 *
 * <p>Hash tables cost more per entry right after they grow than right before, so one size alone can flatter
 * or wrong a design. The heap is therefore measured after every round from half of
 * {@code blocksPerEndpoint} to all of it, a range that holds at least one full growth cycle of any table that
 * grows by a factor of two or less: {@code bytesPerBlockWorst} is the largest of those measurements (the
 * honest figure; between two samples it can be up to 1.6 % higher), {@code bytesPerBlockMean} their mean and
 * {@code bytesPerBlock} the value at the full size.
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

    private static final int BATCH = 128;

    private int[][] prompts;

    @Setup(Level.Trial)
    public void makePrompts() {
        SplittableRandom random = new SplittableRandom(7);
        prompts = new int[PrefixIndexFixture.ENDPOINTS * blocksPerEndpoint / BATCH][];
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = PrefixIndexFixture.tokens(random, BATCH * PrefixIndexFixture.BLOCK_SIZE);
        }
    }

    /** The measurement, reported by JMH next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double bytesPerBlock;
        public double bytesPerBlockWorst;
        public double bytesPerBlockMean;
    }

    @Benchmark
    public void build(Footprint footprint) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        KvBlockIndex index = PrefixIndexFixture.emptyIndex(table);
        SplittableRandom random = new SplittableRandom(11);
        int rounds = blocksPerEndpoint / BATCH;
        long blocks = 0;
        int p = 0;
        double worst = 0;
        double sum = 0;
        int samples = 0;
        for (int round = 0; round < rounds; round++) {
            for (int e = 0; e < PrefixIndexFixture.ENDPOINTS; e++) {
                PrefixIndexFixture.store(index, PrefixIndexFixture.endpoint(e), prompts[p++], BATCH, random, round);
                blocks += BATCH;
            }
            if (round + 1 >= rounds / 2) {
                double bytesPerBlock = (double) (usedAfterGc(memory) - before) / blocks;
                worst = Math.max(worst, bytesPerBlock);
                sum += bytesPerBlock;
                samples++;
                footprint.bytesPerBlock = bytesPerBlock;
            }
        }
        Reference.reachabilityFence(index);
        footprint.bytesPerBlockWorst = worst;
        footprint.bytesPerBlockMean = sum / samples;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
