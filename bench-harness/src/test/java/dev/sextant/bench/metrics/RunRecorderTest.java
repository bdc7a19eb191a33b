package dev.sextant.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.bench.workload.StageWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RunRecorderTest {
    private static final long S = 1_000_000_000L;
    private final List<StageWindow> stages = List.of(new StageWindow(0, 0, 10 * S, 2), new StageWindow(1, 10 * S, 20 * S, 4));

    @Property(tries = 200)
    void percentilesAreMonotone(@ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 600_000_000_000L) Long> ttfts) {
        RunRecorder r = new RunRecorder(List.of(new StageWindow(0, 0, S, 1)), 1, Slo.DEFAULT);
        for (long t : ttfts) {
            r.arrived(0);
            r.completed(0, 0, t, t + 1, 10, 0, 1, 0, 0, 0);
        }
        Percentiles p = r.result("x", S, Map.of()).overall().ttft();
        assertThat(p.count()).isEqualTo(ttfts.size());
        assertThat(p.p50()).isLessThanOrEqualTo(p.p90());
        assertThat(p.p90()).isLessThanOrEqualTo(p.p99());
        assertThat(p.p99()).isLessThanOrEqualTo(p.max());
        long max = ttfts.stream().mapToLong(Long::longValue).max().orElseThrow();
        double expected = Math.max(1_000, max) / 1e9;
        assertThat(p.max()).as("three significant digits, microsecond resolution")
                .isCloseTo(expected, within(Math.max(expected * 0.002, 2e-6)));
    }

    @Test
    void ratesAreOverTheStageWindowStretchedToItsLastCompletion() {
        RunRecorder r = new RunRecorder(stages, 2, new Slo(Duration.ofSeconds(1), Duration.ofMillis(50)));
        r.arrived(0);
        r.routed(0, 0);
        r.completed(0, 1 * S, 1 * S + 200_000_000L, 3 * S, 1000, 600, 100, 99 * 20_000_000L, 99, 900);
        r.arrived(0);
        r.routed(0, 0);
        r.completed(0, 2 * S, 4 * S, 14 * S, 1000, 0, 100, 99 * 20_000_000L, 99, 900);
        r.arrived(1);
        r.routed(1, 1);
        r.failed(1, "no_candidates", 11 * S);
        r.arrived(1);
        r.routed(1, 1);
        r.unfinished(1);
        RunResult result = r.result("c", 20 * S, Map.of("wall_s", 1.0));
        Summary first = result.stages().get(0);
        assertThat(first.windowSeconds()).isEqualTo(14.0);
        assertThat(first.requestsPerSecond()).isEqualTo(2 / 14.0);
        assertThat(first.outputTokensPerSecond()).isEqualTo(200 / 14.0);
        assertThat(first.cacheHitRate()).isEqualTo(0.3);
        assertThat(first.idealCacheHitRate()).isEqualTo(0.9);
        assertThat(first.sloAttainment()).as("the second request's TTFT is 2 s").isEqualTo(0.5);
        assertThat(first.itl().mean()).isZero();
        Summary all = result.overall();
        assertThat(all.requests()).isEqualTo(all.completed() + all.failed() + all.unfinished()).isEqualTo(4);
        assertThat(all.offeredRate()).isEqualTo(4 / 20.0);
        assertThat(all.loadSpreadCv()).isZero();
        assertThat(result.replicaRequests()).containsExactly(2L, 2L);
        assertThat(result.failures()).containsEntry("no_candidates", 1L).containsEntry("unfinished", 1L);
        assertThat(r.arrivals()).isEqualTo(4);
        assertThat(r.ended()).isEqualTo(4);
    }

    @Test
    void aCapCutsTheStagesAndLeavesOutTheOnesNeverReached() {
        RunRecorder r = new RunRecorder(stages, 1, Slo.DEFAULT);
        r.arrived(0);
        r.completed(0, 0, S / 10, S, 10, 0, 1, 0, 0, 0);
        RunResult result = r.result("c", 4 * S, Map.of());
        assertThat(result.stages()).hasSize(1);
        assertThat(result.overall().windowSeconds()).isEqualTo(4.0);
        assertThat(result.overall().offeredRate()).isEqualTo(0.25);
    }

    @Test
    void queueSamplesGoToTheStageTheyFallIn() {
        RunRecorder r = new RunRecorder(stages, 2, Slo.DEFAULT);
        r.queueSample(S, 4, 3);
        r.queueSample(2 * S, 0, 0);
        r.queueSample(15 * S, 10, 8);
        r.queueSample(25 * S, 2, 2);
        RunResult result = r.result("c", 20 * S, Map.of());
        assertThat(result.stages().get(0).queueDepthMean()).isEqualTo(1.0);
        assertThat(result.stages().get(0).queueDepthMax()).isEqualTo(3);
        assertThat(result.stages().get(1).queueDepthMean()).isEqualTo(3.0);
        assertThat(result.overall().queueDepthMax()).isEqualTo(8);
    }
}
