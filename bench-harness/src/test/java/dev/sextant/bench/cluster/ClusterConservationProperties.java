package dev.sextant.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import dev.sextant.bench.workload.ArrivalSchedule;
import dev.sextant.bench.workload.LengthRange;
import dev.sextant.bench.workload.TestVocabulary;
import dev.sextant.bench.workload.Workload;
import dev.sextant.bench.workload.WorkloadPlanner;
import dev.sextant.bench.workload.WorkloadSpec;
import dev.sextant.simulator.engine.EngineProfile;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the load and however early a run is cut off, every arrival ends exactly once. */
class ClusterConservationProperties {

    @Property(tries = 12)
    void everyArrivalCompletesFailsOrIsUnfinished(@ForAll @IntRange(min = 1, max = 5) int replicas,
            @ForAll @IntRange(min = 1, max = 120) int rate, @ForAll @IntRange(min = 1, max = 3000) int promptTokens,
            @ForAll @LongRange(min = 1, max = 2000) long drainMillis, @ForAll long seed) {
        ClusterOptions options = ClusterOptions.of(replicas, EngineProfile.LLAMA_8B_H100)
                .withMaxDrain(Duration.ofMillis(drainMillis));
        Workload w = new Workload("w", new WorkloadSpec.RandomPrompts(new LengthRange(1, promptTokens), new LengthRange(1, 64)),
                ArrivalSchedule.constant(rate, Duration.ofSeconds(1)), null);
        List<PolicyConfig> policies = List.of(ClusterBenchTest.policy("least-queue"), ClusterBenchTest.policy("random"));
        for (RunResult r : new ClusterBench(options, KvEventConsumers.NONE, Clock.system())
                .compare(policies, WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 0), RunProgress.NONE)) {
            Summary all = r.overall();
            assertThat(all.requests()).isEqualTo(all.completed() + all.failed() + all.unfinished());
            long perStage = r.stages().stream().mapToLong(s -> s.completed() + s.failed() + s.unfinished()).sum();
            assertThat(perStage).isEqualTo(all.requests());
            assertThat(all.cacheHitRate()).isLessThanOrEqualTo(all.idealCacheHitRate() + 1e-12);
        }
    }
}
