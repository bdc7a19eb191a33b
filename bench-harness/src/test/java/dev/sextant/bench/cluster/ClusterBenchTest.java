package dev.sextant.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
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
import dev.sextant.simulator.engine.KvEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterBenchTest {
    static final Path POLICIES = Path.of("..", "examples", "policies");

    static PolicyConfig policy(String name) {
        return PolicyConfig.read(POLICIES.resolve(name + ".yaml"));
    }

    static WorkloadPlanner sharedPrefix(double rate, Duration duration, long seed) {
        Workload w = new Workload("small", new WorkloadSpec.SharedPrefix(4, 256, 4, 48, 16),
                ArrivalSchedule.constant(rate, duration), null);
        return WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 0);
    }

    static ClusterBench bench(int replicas) {
        return new ClusterBench(ClusterOptions.of(replicas, EngineProfile.LLAMA_8B_H100), KvEventConsumers.NONE,
                Clock.system());
    }

    @Test
    void everyArrivalEndsOnceAndTheSameSeedGivesTheSameRun() {
        List<PolicyConfig> policies = List.of(policy("random"), policy("round-robin"), policy("least-queue"));
        WorkloadPlanner workload = sharedPrefix(40, Duration.ofSeconds(5), 3);
        List<RunResult> first = bench(4).compare(policies, workload, RunProgress.NONE);
        List<RunResult> second = bench(4).compare(policies, workload, RunProgress.NONE);
        assertThat(first).extracting(RunResult::name).containsExactly("random", "round-robin", "least-queue");
        for (int i = 0; i < first.size(); i++) {
            RunResult a = first.get(i);
            Summary all = a.overall();
            assertThat(all.requests()).isGreaterThan(150);
            assertThat(all.completed()).isEqualTo(all.requests());
            assertThat(all.failed() + all.unfinished()).isZero();
            assertThat(all.cacheHitRate()).isPositive().isLessThanOrEqualTo(all.idealCacheHitRate());
            assertThat(all.ttft().p50()).isPositive();
            assertThat(a.replicaRequests().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.requests());
            assertThat(second.get(i).overall()).isEqualTo(all);
            assertThat(second.get(i).stages()).isEqualTo(a.stages());
            assertThat(second.get(i).replicaRequests()).isEqualTo(a.replicaRequests());
        }
        List<Long> roundRobin = first.get(1).replicaRequests();
        assertThat(roundRobin.stream().mapToLong(Long::longValue).max().orElseThrow()
                - roundRobin.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(1);
        assertThat(first.get(0).overall().idealCacheHitRate()).as("every configuration sees the same prompts")
                .isEqualTo(first.get(1).overall().idealCacheHitRate());
    }

    @Test
    void requestsGoThroughTheDirectorsHooks() {
        String yaml = """
                apiVersion: config.sextant.dev/v1alpha1
                kind: EndpointPickerConfig
                plugins:
                - type: test-hook-counter
                  name: hooks-of-this-test
                - type: round-robin-picker
                schedulingProfiles:
                - name: default
                  plugins:
                  - pluginRef: round-robin-picker
                """;
        RunResult r = bench(2).compare(List.of(new PolicyConfig("hooks", yaml, "test")),
                sharedPrefix(20, Duration.ofSeconds(2), 1), RunProgress.NONE).getFirst();
        long completed = r.overall().completed();
        String name = "hooks-of-this-test";
        assertThat(completed).isPositive();
        assertThat(HookCounter.count(name, HookCounter.PRE_REQUEST)).isEqualTo(completed);
        assertThat(HookCounter.count(name, HookCounter.RECEIVED)).isEqualTo(completed);
        assertThat(HookCounter.count(name, HookCounter.COMPLETED)).isEqualTo(completed);
        assertThat(HookCounter.count(name, HookCounter.SUCCEEDED)).isEqualTo(completed);
        assertThat(HookCounter.count(name, HookCounter.OUTPUT_TOKENS)).isEqualTo(r.overall().outputTokens());
        assertThat(HookCounter.count(name, HookCounter.CHUNKS)).as("one chunk per token").isEqualTo(r.overall().outputTokens());
    }

    /** Staleness is real: the same policy scraping every 5 s instead of 50 ms herds requests onto one replica. */
    @Test
    void staleMetricsMakeLoadAwareRoutingHerd() {
        Workload w = new Workload("random", new WorkloadSpec.RandomPrompts(LengthRange.of(2000), LengthRange.of(32)),
                ArrivalSchedule.constant(120, Duration.ofSeconds(8)), null);
        WorkloadPlanner workload = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 2, 0);
        ClusterOptions fresh = ClusterOptions.of(4, EngineProfile.LLAMA_8B_H100);
        ClusterOptions stale = fresh.withScrapeInterval(Duration.ofSeconds(5));
        RunResult freshRun = new ClusterBench(fresh, KvEventConsumers.NONE, Clock.system())
                .compare(List.of(policy("least-queue")), workload, RunProgress.NONE).getFirst();
        RunResult staleRun = new ClusterBench(stale, KvEventConsumers.NONE, Clock.system())
                .compare(List.of(policy("least-queue")), workload, RunProgress.NONE).getFirst();
        assertThat(staleRun.overall().queueDepthMax()).isGreaterThan(2 * freshRun.overall().queueDepthMax());
        assertThat(staleRun.overall().ttft().p90()).isGreaterThan(freshRun.overall().ttft().p90());
    }

    @Test
    void kvEventsReachTheirConsumerAfterTheDelayInOrder() {
        record Delivery(EndpointId endpoint, long sequence, long publishedAt, long deliveredAt, List<KvEvent> events) {}
        List<Delivery> deliveries = new ArrayList<>();
        KvEventConsumers consumers = (config, clock) -> Optional.of((endpoint, sequence, publishedAt, events) ->
                deliveries.add(new Delivery(endpoint, sequence, publishedAt, clock.nanos(), events)));
        ClusterOptions options = ClusterOptions.of(3, EngineProfile.LLAMA_8B_H100).withKvEventDelay(Duration.ofMillis(7));
        RunResult r = new ClusterBench(options, consumers, Clock.system())
                .compare(List.of(policy("random")), sharedPrefix(20, Duration.ofSeconds(2), 4), RunProgress.NONE).getFirst();
        assertThat(deliveries).isNotEmpty();
        assertThat(r.cost()).containsEntry("kv_event_batches", (double) deliveries.size());
        Map<EndpointId, Long> next = new HashMap<>();
        long previous = 0;
        for (Delivery d : deliveries) {
            assertThat(d.deliveredAt() - d.publishedAt()).isEqualTo(7_000_000L);
            assertThat(d.deliveredAt()).isGreaterThanOrEqualTo(previous);
            assertThat(d.sequence()).isEqualTo(next.getOrDefault(d.endpoint(), 0L));
            next.put(d.endpoint(), d.sequence() + 1);
            previous = d.deliveredAt();
        }
        assertThat(next).hasSize(3);
        assertThat(deliveries.stream().flatMap(d -> d.events().stream()))
                .anySatisfy(e -> assertThat(e).isInstanceOf(KvEvent.BlockStored.class));
    }

    @Test
    void aRunCutOffCountsWhatWasStillRunningAsUnfinished() {
        ClusterOptions options = ClusterOptions.of(1, EngineProfile.LLAMA_8B_H100).withMaxDrain(Duration.ofMillis(1));
        Workload w = new Workload("heavy", new WorkloadSpec.RandomPrompts(LengthRange.of(4000), LengthRange.of(200)),
                ArrivalSchedule.constant(50, Duration.ofSeconds(2)), null);
        RunResult r = new ClusterBench(options, KvEventConsumers.NONE, Clock.system()).compare(List.of(policy("random")),
                WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 1, 0), RunProgress.NONE).getFirst();
        Summary all = r.overall();
        assertThat(all.unfinished()).isPositive();
        assertThat(all.requests()).isEqualTo(all.completed() + all.failed() + all.unfinished());
        assertThat(r.failures()).containsEntry("unfinished", all.unfinished());
    }

    @Test
    void aPromptNoReplicaCanHoldFailsWithoutStoppingTheRun() {
        ClusterOptions options = ClusterOptions.of(2, EngineProfile.LLAMA_8B_H100.withLimits(256, 8192, 600));
        Workload w = new Workload("long", new WorkloadSpec.RandomPrompts(new LengthRange(100, 1000), LengthRange.of(8)),
                ArrivalSchedule.constant(20, Duration.ofSeconds(2)), null);
        RunResult r = new ClusterBench(options, KvEventConsumers.NONE, Clock.system()).compare(List.of(policy("random")),
                WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 1, 0), RunProgress.NONE).getFirst();
        assertThat(r.failures()).containsKey("rejected_by_replica");
        assertThat(r.overall().completed()).isPositive();
        assertThat(r.overall().requests()).isEqualTo(r.overall().completed() + r.overall().failed());
    }

    @Test
    void multiTurnSessionsReuseTheirOwnHistory() {
        Workload w = new Workload("chat", new WorkloadSpec.MultiTurn(64, 4, LengthRange.of(40), LengthRange.of(40),
                Duration.ofMillis(500)), ArrivalSchedule.constant(5, Duration.ofSeconds(4)), null);
        RunResult r = bench(2).compare(List.of(policy("round-robin")), WorkloadPlanner.of(w, TestVocabulary.VOCABULARY,
                1, 0), RunProgress.NONE).getFirst();
        Summary all = r.overall();
        assertThat(all.completed()).isEqualTo(all.requests()).isGreaterThan(40);
        assertThat(all.idealCacheHitRate()).as("later turns repeat the conversation").isGreaterThan(0.5);
        assertThat(all.cacheHitRate()).isPositive().isLessThanOrEqualTo(all.idealCacheHitRate());
    }

    @Test
    void disaggregatedRequestsPrefillOnPrefillReplicasAndDecodeOnDecodeReplicas() {
        ClusterOptions roles = ClusterOptions.of(4, EngineProfile.LLAMA_8B_H100).withPrefillReplicas(2);
        Workload w = new Workload("long", new WorkloadSpec.RandomPrompts(new LengthRange(2000, 3000),
                new LengthRange(20, 40)),
                ArrivalSchedule.constant(4, Duration.ofSeconds(10)), null);
        WorkloadPlanner planner = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 5, 0);
        List<RunResult> results = new ClusterBench(roles, KvEventConsumers.NONE, Clock.system())
                .compare(List.of(policy("least-queue"), policy("pd-disaggregated")), planner, RunProgress.NONE);

        RunResult aggregated = results.get(0);
        RunResult disaggregated = results.get(1);
        for (RunResult r : results) {
            assertThat(r.overall().completed()).as(r.name()).isEqualTo(r.overall().requests()).isGreaterThan(30);
        }
        assertThat(aggregated.replicaRequests()).as("no role filters: every replica serves").allMatch(n -> n > 0);
        assertThat(disaggregated.replicaRequests().subList(0, 2)).as("prefill replicas are no decode targets")
                .containsOnly(0L);
        assertThat(disaggregated.overall().ttft().p50()).as("the prefill leg and the KV transfer come first")
                .isPositive();
    }

    @Test
    void underOverloadFlowControlKeepsCriticalRequestsFastAndEveryObjectiveGetsItsRow() {
        Workload w = new Workload("overload", new WorkloadSpec.RandomPrompts(new LengthRange(500, 1500),
                new LengthRange(100, 300)), ArrivalSchedule.constant(150, Duration.ofSeconds(30)), null);
        WorkloadPlanner workload = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 5, 0);
        ClusterOptions options = ClusterOptions.of(2, EngineProfile.LLAMA_8B_H100)
                .withObjectives(ObjectiveMix.parse("critical=0.1,batch=0.4"));
        List<RunResult> results = new ClusterBench(options, KvEventConsumers.NONE, Clock.system()).compare(
                List.of(policy("overload-without-flow-control"), policy("overload-with-flow-control")), workload,
                RunProgress.NONE);
        assertThat(results).extracting(RunResult::name).containsExactly("overload-without-flow-control",
                "overload-without-flow-control [critical]", "overload-without-flow-control [batch]",
                "overload-with-flow-control", "overload-with-flow-control [critical]",
                "overload-with-flow-control [batch]");
        for (RunResult r : results) {
            Summary s = r.overall();
            assertThat(s.completed() + s.failed() + s.unfinished()).as(r.name()).isEqualTo(s.requests());
        }
        Summary all = results.get(0).overall();
        Summary criticalWithout = results.get(1).overall();
        Summary criticalWith = results.get(4).overall();
        assertThat((double) criticalWith.requests() / all.requests()).isBetween(0.07, 0.13);
        assertThat(criticalWith.requests()).as("the same requests in both runs").isEqualTo(criticalWithout.requests());
        assertThat(results.get(2).overall().failed()).as("sheddable requests refused while saturated").isPositive();
        assertThat(results.get(5).overall().failed()).as("sheddable requests refused beyond their band").isPositive();
        assertThat(criticalWith.failed()).isZero();
        assertThat(criticalWith.ttft().p90() * 2).as("critical TTFT p90 with flow control vs without")
                .isLessThan(criticalWithout.ttft().p90());
    }
}
