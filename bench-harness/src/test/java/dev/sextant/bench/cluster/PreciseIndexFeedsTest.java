package dev.sextant.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.simulator.engine.EngineProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The precise prefix scorer fed in process from the simulated engines, in virtual time. */
class PreciseIndexFeedsTest {

    @Test
    void thePreciseIndexFollowsTheEnginesAndBeatsRandomOnSharedPrefixes() {
        ClusterOptions options = ClusterOptions.of(4, EngineProfile.LLAMA_8B_H100);
        List<RunResult> results = new ClusterBench(options, new PreciseIndexFeeds(options.model()), Clock.system())
                .compare(List.of(ClusterBenchTest.policy("random"), ClusterBenchTest.policy("llmd-precise")),
                        ClusterBenchTest.sharedPrefix(40, Duration.ofSeconds(5), 3), RunProgress.NONE);

        RunResult random = results.get(0);
        RunResult precise = results.get(1);
        assertThat(precise.overall().completed()).isEqualTo(precise.overall().requests());
        assertThat(precise.cost()).containsKey("kv_event_batches");
        assertThat(precise.overall().cacheHitRate()).isGreaterThan(random.overall().cacheHitRate())
                .isLessThanOrEqualTo(precise.overall().idealCacheHitRate());
    }
}
