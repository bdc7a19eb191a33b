package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.dataset.FileProblem;
import dev.sextant.dataset.FileSkipReason;
import dev.sextant.dataset.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final StringWriter err = new StringWriter();
    private long now;

    private ProgressBar bar(boolean draw) {
        return new ProgressBar(new PrintWriter(err), draw, () -> now);
    }

    @Test
    void drawsAfterAShortWhileAndAtMostTenTimesASecond() {
        ProgressBar bar = bar(true);
        Progress half = new Progress(2, 4, 500_000, 1_000_000, 7);
        bar.progress(half);
        assertThat(err.toString()).isEmpty(); // short runs show nothing

        now = 400_000_000L;
        bar.progress(half);
        assertThat(err.toString()).isEqualTo("\r 50% [############............] 2/4 files  0.5/1.0 MB  7 pairs");

        now += 50_000_000L;
        bar.progress(new Progress(3, 4, 750_000, 1_000_000, 9));
        assertThat(err.toString()).doesNotContain("3/4");

        now += 60_000_000L;
        bar.progress(new Progress(3, 4, 750_000, 1_000_000, 9));
        assertThat(err.toString()).endsWith("\r 75% [##################......] 3/4 files  0.8/1.0 MB  9 pairs");

        bar.clear();
        int width = ProgressBar.line(new Progress(3, 4, 750_000, 1_000_000, 9)).length();
        assertThat(err.toString()).endsWith("\r" + " ".repeat(width) + "\r");
    }

    @Test
    void problemsGoAboveTheBar() {
        ProgressBar bar = bar(true);
        now = 400_000_000L;
        bar.progress(new Progress(1, 2, 1, 2, 0));
        bar.problem(new FileProblem(Path.of("a/b.go"), 3, FileSkipReason.MALFORMED, "comment not terminated"));
        String[] parts = err.toString().split("\r");
        assertThat(parts[parts.length - 1]).isEqualTo("sextant: skipped a/b.go:3: comment not terminated\n");
        assertThat(parts[parts.length - 2]).isBlank();
    }

    @Test
    void withoutATerminalOnlyProblemsAreWritten() {
        ProgressBar bar = bar(false);
        now = 10_000_000_000L;
        bar.progress(new Progress(1, 2, 1, 2, 0));
        bar.problem(new FileProblem(Path.of("x.go"), 0, FileSkipReason.TOO_LARGE, "too large"));
        bar.clear();
        assertThat(err.toString()).isEqualTo("sextant: skipped x.go: too large\n");
    }
}
