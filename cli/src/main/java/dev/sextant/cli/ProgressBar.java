package dev.sextant.cli;

import dev.sextant.dataset.ExtractionListener;
import dev.sextant.dataset.FileProblem;
import dev.sextant.dataset.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows an extraction's progress on one terminal line, redrawn in place, and reports skipped files
 * above it. Draws nothing on short runs, and at most ten times a second.
 */
final class ProgressBar implements ExtractionListener {
    private static final long FIRST_DRAW_NANOS = 300_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final boolean draw;
    private final LongSupplier nanoTime;
    private final long started;
    private long lastDraw;
    private int drawnWidth;

    /**
     * @param err where the bar and the problems go
     * @param draw whether to draw the bar (problems are reported either way)
     * @param nanoTime the clock that paces redrawing
     */
    ProgressBar(PrintWriter err, boolean draw, LongSupplier nanoTime) {
        this.err = err;
        this.draw = draw;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    @Override
    public void progress(Progress progress) {
        if (!draw) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - started < FIRST_DRAW_NANOS || drawnWidth > 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = line(progress);
        err.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    @Override
    public void problem(FileProblem problem) {
        clear();
        err.println("sextant: skipped " + problem);
        err.flush();
    }

    /** Removes the bar, leaving the cursor at the start of an empty line. */
    void clear() {
        if (drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            err.flush();
            drawnWidth = 0;
        }
    }

    static String line(Progress p) {
        double done = p.bytesTotal() == 0 ? 1 : (double) p.bytesDone() / p.bytesTotal();
        int filled = (int) Math.round(done * BAR_WIDTH);
        return String.format(Locale.ROOT, "%3d%% [%s%s] %,d/%,d files  %.1f/%.1f MB  %,d pairs",
                Math.round(done * 100), "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                p.filesDone(), p.filesTotal(), p.bytesDone() / 1e6, p.bytesTotal() / 1e6, p.pairs());
    }
}
