package dev.sextant.bench.precise;

import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import dev.sextant.plugins.precise.index.BlockKeys;
import dev.sextant.plugins.precise.index.BlockTable;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import dev.sextant.plugins.precise.index.PrefixMatcher;
import java.util.List;
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
 * The precise prefix index on its three block tables in the same run: OPEN (open addressing, the default),
 * ART (Sextant's Adaptive Radix Tree) and HASH (ConcurrentHashMap of chained block keys).
 *
 * <ul>
 *   <li>{@code score8kTokens64Endpoints}: an 8,192-token prompt (512 blocks) against 64 endpoints, block
 *       keys computed from the tokens and matched; endpoint e holds the first 8e mod 513 blocks and one holds
 *       all 512, so the match runs over every block. Each endpoint also holds 16,000 unrelated blocks (1M
 *       keys in the table). Time per scoring; tokenisation excluded.
 *   <li>{@code matchOnly}: the same without computing the keys.
 *   <li>{@code ingestBlocks}: BlockStored events of 16 fresh blocks, round-robin over 64 endpoints, each
 *       followed, once 2,048 batches are live, by the BlockRemoved of the batch stored 2,048 earlier on the
 *       same endpoint, so the table stays at about 32k blocks. Time per stored block, removal included.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseCompactObjectHeaders", "-Xms3g", "-Xmx3g"})
public class PrefixIndexBenchmark {
    private static final int PROMPT_TOKENS = 8192;
    private static final int INGEST_BLOCKS = 16;
    private static final int LIVE_BATCHES = 2048;

    @Param({"OPEN", "ART", "HASH"})
    BlockTable.Kind table;

    private KvBlockIndex index;
    private PrefixMatcher matcher;
    private int[] prompt;
    private long[] keys;
    private int[] slots;
    private int[] matched;
    private double[] weighted;

    private KvBlockIndex ingestIndex;
    private int[] ingestTokens;
    private long[][] liveHashes;
    private long[] sequences;
    private long batch;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        index = PrefixIndexFixture.emptyIndex(table);
        prompt = PrefixIndexFixture.tokens(random, PROMPT_TOKENS);
        int promptBlocks = PROMPT_TOKENS / PrefixIndexFixture.BLOCK_SIZE;
        slots = new int[PrefixIndexFixture.ENDPOINTS];
        for (int e = 0; e < PrefixIndexFixture.ENDPOINTS; e++) {
            var id = PrefixIndexFixture.endpoint(e);
            long seq = 0;
            for (int other = 0; other < 125; other++) { // 125 x 128 = 16,000 unrelated blocks
                PrefixIndexFixture.store(index, id, PrefixIndexFixture.tokens(random, 128 * 16), 128, random, seq++);
            }
            int held = e == PrefixIndexFixture.ENDPOINTS - 1 ? promptBlocks : (8 * e) % (promptBlocks + 1);
            if (held > 0) {
                PrefixIndexFixture.store(index, id, prompt, held, random, seq);
            }
            slots[e] = index.slotOf(id);
        }
        matcher = index.newMatcher();
        keys = new long[promptBlocks];
        index.blockKeys().keys(index.root(PrefixIndexFixture.MODEL), prompt, prompt.length, keys);
        matched = new int[PrefixIndexFixture.ENDPOINTS];
        weighted = new double[PrefixIndexFixture.ENDPOINTS];

        ingestIndex = PrefixIndexFixture.emptyIndex(table);
        ingestTokens = PrefixIndexFixture.tokens(random, INGEST_BLOCKS * PrefixIndexFixture.BLOCK_SIZE);
        liveHashes = new long[LIVE_BATCHES][];
        sequences = new long[PrefixIndexFixture.ENDPOINTS];
    }

    @Benchmark
    public double score8kTokens64Endpoints() {
        BlockKeys blockKeys = index.blockKeys();
        int n = blockKeys.keys(index.root(PrefixIndexFixture.MODEL), prompt, prompt.length, keys);
        matcher.match(keys, n, slots, slots.length, matched, weighted);
        return weighted[slots.length - 1] + matched[1];
    }

    @Benchmark
    public double matchOnly() {
        matcher.match(keys, keys.length, slots, slots.length, matched, weighted);
        return weighted[slots.length - 1] + matched[1];
    }

    @Benchmark
    @OperationsPerInvocation(INGEST_BLOCKS)
    public int ingestBlocks() {
        long b = batch++;
        int e = (int) (b % PrefixIndexFixture.ENDPOINTS);
        var id = PrefixIndexFixture.endpoint(e);
        int ring = (int) (b % LIVE_BATCHES);
        ingestTokens[0] = (int) b; // a new chain every time
        long[] hashes = new long[INGEST_BLOCKS];
        for (int i = 0; i < INGEST_BLOCKS; i++) {
            hashes[i] = b * INGEST_BLOCKS + i + 1;
        }
        long[] old = liveHashes[ring];
        liveHashes[ring] = hashes;
        List<KvCacheEvent> events = old == null
                ? List.of(new KvCacheEvent.BlockStored(hashes, 0, false, ingestTokens, PrefixIndexFixture.BLOCK_SIZE,
                        null, null, StorageTier.GPU))
                : List.of(new KvCacheEvent.BlockStored(hashes, 0, false, ingestTokens, PrefixIndexFixture.BLOCK_SIZE,
                        null, null, StorageTier.GPU), new KvCacheEvent.BlockRemoved(old, StorageTier.GPU));
        ingestIndex.apply(id, PrefixIndexFixture.MODEL, sequences[e]++, events);
        return ingestIndex.size();
    }
}
