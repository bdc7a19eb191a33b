package dev.sextant.bench.dataset;

import dev.sextant.dataset.ExtractionListener;
import dev.sextant.dataset.ExtractionSummary;
import dev.sextant.dataset.GoDatasetOptions;
import dev.sextant.dataset.GoPairExtractor;
import dev.sextant.dataset.SourceTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code sextant dataset go} end to end on a real Go tree: walk, read (from the page cache after the
 * first pass), scan, filter, deduplicate and write JSON lines to a temporary file, single-threaded.
 * The {@code megabytes} counter is the Go source read per second of wall-clock time (MB/s); the
 * {@code cpuSeconds} and {@code sourceMegabytes} counters give the speed per second of the extracting
 * thread's own CPU time, which other work on the machine does not skew. The target is at least 50 MB/s
 * on one core.
 *
 * <p>The corpus defaults to the Go 1.19 standard library ({@code apt-get install golang-1.19-src});
 * another tree with {@code -p corpus=DIR}, generated files included with {@code -p includeGenerated=true}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseCompactObjectHeaders"})
public class GoExtractionBenchmark {

    @Param("/usr/share/go-1.19/src")
    String corpus;

    @Param("false")
    boolean includeGenerated;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GoDatasetOptions options;
    private Path out;

    /** Megabytes (10⁶ bytes) of Go source read; JMH reports it per second of wall-clock time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Read {
        public double megabytes;
        public double pairs;
    }

    /**
     * What the extracting thread itself consumed, summed per iteration: on a machine shared with other
     * work, {@code sourceMegabytes / cpuSeconds} is the speed of one core, which wall-clock time is not.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cost {
        public double cpuSeconds;
        public double sourceMegabytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Path.of(corpus);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(corpus + " does not exist; install it with"
                    + " `apt-get install golang-1.19-src` or pass -p corpus=DIR");
        }
        out = Files.createTempFile("sextant-bench-", ".jsonl");
        options = GoDatasetOptions.builder(out, List.of(SourceTree.of(root))).includeGenerated(includeGenerated).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(out);
    }

    @Benchmark
    public ExtractionSummary extract(Read read, Cost cost) throws IOException {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        ExtractionSummary summary = GoPairExtractor.extract(options, ExtractionListener.NONE);
        cost.cpuSeconds += (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        cost.sourceMegabytes += summary.bytesRead() / 1e6;
        read.megabytes += summary.bytesRead() / 1e6;
        read.pairs += summary.pairsWritten();
        return summary;
    }
}
