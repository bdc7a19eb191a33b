package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.bench.metrics.RunRecorder;
import dev.sextant.bench.metrics.Slo;
import dev.sextant.bench.workload.StageWindow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BenchProgressBarTest {
    private static final long S = 1_000_000_000L;

    @Test
    void lineShowsTheRunItsTimeAndRequests() {
        assertThat(BenchProgressBar.line(1, 3, "random", 30 * S, 60 * S, 1234, 1200, 2400.0))
                .isEqualTo("[2/3] random  50% [############............] 30/60 s  1,234/~2,400 requests, 34 in flight");
        assertThat(BenchProgressBar.line(0, 1, "rr", 70 * S, 60 * S, 10, 9, 10.0)).contains("draining");
    }

    @Test
    void drawsOnlyOnATerminalAtMostTenTimesASecondAndClearsItself() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        BenchProgressBar bar = new BenchProgressBar(new PrintWriter(text), true, now::get);
        bar.runStarted(0, 1, "random", 100, 10 * S);
        bar.advanced(S, 10, 5);
        bar.advanced(2 * S, 20, 15);
        assertThat(text.toString().split("\r", -1)).as("the second call came too soon").hasSize(2);
        now.set(200_000_000L);
        bar.advanced(3 * S, 30, 25);
        assertThat(text.toString()).contains("30/~100 requests");
        bar.runFinished(new RunRecorder(List.of(new StageWindow(0, 0, S, 1)), 1, Slo.DEFAULT)
                .result("random", S, Map.of("wall_s", 1.5, "cpu_s", 1.2, "virtual_s", 10.0)));
        assertThat(text.toString()).endsWith("sextant bench: [1/1] random: 0 requests, 10.0 s simulated in 1.5 s (1.2 s CPU)"
                + System.lineSeparator());

        StringWriter quiet = new StringWriter();
        BenchProgressBar off = new BenchProgressBar(new PrintWriter(quiet), false, now::get);
        off.runStarted(0, 1, "random", 100, 10 * S);
        off.advanced(S, 10, 5);
        assertThat(quiet.toString()).isEmpty();
    }
}
