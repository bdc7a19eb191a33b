package dev.sextant.cli;

import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a comparison's progress on one terminal line, redrawn in place at most ten times a second, and a
 * line per finished configuration. The bar is drawn only on a terminal; the finished lines always.
 */
final class BenchProgressBar implements RunProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final boolean draw;
    private final LongSupplier nanoTime;
    private int index;
    private int count;
    private String name = "";
    private double expected;
    private long planned;
    private long lastDraw;
    private int drawnWidth;

    BenchProgressBar(PrintWriter err, boolean draw, LongSupplier nanoTime) {
        this.err = err;
        this.draw = draw;
        this.nanoTime = nanoTime;
    }

    @Override
    public void runStarted(int index, int count, String name, double expectedArrivals, long plannedNanos) {
        this.index = index;
        this.count = count;
        this.name = name;
        this.expected = expectedArrivals;
        this.planned = plannedNanos;
        lastDraw = 0;
    }

    @Override
    public void advanced(long nanos, long arrived, long ended) {
        if (!draw) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (drawnWidth > 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = line(index, count, name, nanos, planned, arrived, ended, expected);
        err.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    @Override
    public void runFinished(RunResult result) {
        clear();
        double wall = result.cost().getOrDefault("wall_s", 0.0);
        double cpu = result.cost().getOrDefault("cpu_s", 0.0);
        Double simulated = result.cost().get("virtual_s");
        String what = simulated == null ? "" : String.format(Locale.ROOT, ", %.1f s simulated", simulated);
        err.println(String.format(Locale.ROOT, "sextant bench: [%d/%d] %s: %,d requests%s in %.1f s (%.1f s CPU)",
                index + 1, count, result.name(), result.overall().requests(), what, wall, cpu));
        err.flush();
    }

    /** Removes the bar. */
    void clear() {
        if (drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            err.flush();
            drawnWidth = 0;
        }
    }

    static String line(int index, int count, String name, long nanos, long planned, long arrived, long ended,
            double expected) {
        double done = planned <= 0 ? 1 : Math.min(1, (double) nanos / planned);
        int filled = (int) Math.round(done * BAR_WIDTH);
        String phase = nanos > planned ? "draining" : String.format(Locale.ROOT, "%3d%%", Math.round(done * 100));
        return String.format(Locale.ROOT, "[%d/%d] %s %s [%s%s] %.0f/%.0f s  %,d/~%,.0f requests, %,d in flight",
                index + 1, count, name, phase, "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), nanos / 1e9,
                planned / 1e9, arrived, expected, arrived - ended);
    }
}
