package dev.sextant.bench.extproc;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds from 100 ns to one hour, three significant digits. Thread-safe: exchanges finish on
 * the gRPC client's event loops, several at once.
 */
public final class LatencyHistogram {
    private static final long LOWEST = 100L;
    private static final long HIGHEST = 3_600_000_000_000L;

    private final Histogram histogram = new ConcurrentHistogram(LOWEST, HIGHEST, 3);
    private final LongAdder sumNanos = new LongAdder();

    /** Records one latency; values outside the histogram's range are clamped to it (the mean keeps them). */
    public void record(long nanos) {
        histogram.recordValue(Math.min(HIGHEST, Math.max(LOWEST, nanos)));
        sumNanos.add(Math.max(0, nanos));
    }

    /** The distribution so far. */
    public LatencySummary summary() {
        long n = histogram.getTotalCount();
        if (n == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(n, (double) sumNanos.sum() / n, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
