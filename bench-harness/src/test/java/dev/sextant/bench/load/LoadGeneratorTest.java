package dev.sextant.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Slo;
import dev.sextant.bench.metrics.Summary;
import dev.sextant.bench.workload.ArrivalSchedule;
import dev.sextant.bench.workload.LengthRange;
import dev.sextant.bench.workload.TestVocabulary;
import dev.sextant.bench.workload.Workload;
import dev.sextant.bench.workload.WorkloadPlanner;
import dev.sextant.bench.workload.WorkloadSpec;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real simulated replica on a loopback port, a fresh one (empty cache) per test. */
class LoadGeneratorTest {
    private SimulatedReplicaServer replica;

    @BeforeEach
    void start() {
        replica = SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").port(0).timeScale(50).build());
    }

    @AfterEach
    void stop() {
        replica.close();
    }

    private static LoadOptions options(URI target, LoadOptions.Api api, Duration maxDrain) {
        return new LoadOptions(target, "m", api, true, Duration.ofSeconds(2), maxDrain, 1000, Slo.DEFAULT);
    }

    private URI target() {
        return URI.create(replica.baseUri() + "/v1");
    }

    private static WorkloadPlanner sharedPrefix(int requests) {
        Workload w = new Workload("sp", new WorkloadSpec.SharedPrefix(2, 256, 3, 32, 12),
                ArrivalSchedule.constant(40, Duration.ofSeconds(60)).withMaxRequests(requests), null);
        return WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 1, 0);
    }

    private static RunResult run(LoadOptions options, WorkloadPlanner workload) throws InterruptedException {
        return new LoadGenerator(options, Clock.system(), TestVocabulary.TOKENIZER).run("t", workload, RunProgress.NONE);
    }

    @Test
    void measuresStreamsAndTheServerSeesTheSameTokens() throws InterruptedException {
        WorkloadPlanner workload = sharedPrefix(24);
        long plannedPromptTokens = 0;
        var plan = workload.newPlan();
        for (var p = plan.next(); p != null; p = plan.next()) {
            plannedPromptTokens += p.prompt().tokenCount();
        }
        RunResult r = run(options(target(), LoadOptions.Api.COMPLETIONS, Duration.ofSeconds(30)), workload);
        Summary all = r.overall();
        assertThat(all.requests()).isEqualTo(24);
        assertThat(all.completed()).isEqualTo(24);
        assertThat(all.outputTokens()).isEqualTo(24 * 12);
        assertThat(all.promptTokens()).as("the server tokenised the text into exactly the planned tokens")
                .isEqualTo(plannedPromptTokens);
        assertThat(all.cacheHitRate()).isPositive().isLessThanOrEqualTo(all.idealCacheHitRate());
        assertThat(all.ttft().p50()).isPositive();
        assertThat(all.itl().count()).isEqualTo(24 * 11);
        assertThat(r.cost()).containsKeys("send_lag_p99_s", "cpu_s", "wall_s");
    }

    @Test
    void speaksChatToo() throws InterruptedException {
        RunResult r = run(options(target(), LoadOptions.Api.CHAT, Duration.ofSeconds(30)), sharedPrefix(6));
        assertThat(r.overall().completed()).isEqualTo(6);
        assertThat(r.overall().outputTokens()).isEqualTo(6 * 12);
    }

    @Test
    void chatSessionsSendTheirNextTurnAfterTheAnswer() throws InterruptedException {
        Workload w = new Workload("chat", new WorkloadSpec.MultiTurn(64, 3, LengthRange.of(16), LengthRange.of(8),
                Duration.ofMillis(20)), ArrivalSchedule.constant(20, Duration.ofSeconds(60)).withMaxRequests(4), null);
        RunResult r = run(options(target(), LoadOptions.Api.COMPLETIONS, Duration.ofSeconds(30)),
                WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 1, 0));
        assertThat(r.overall().requests()).isEqualTo(12);
        assertThat(r.overall().completed()).isEqualTo(12);
        assertThat(r.overall().cacheHitRate()).as("each turn repeats the conversation").isGreaterThan(0.3);
    }

    @Test
    void countsServerErrorsByStatus() throws InterruptedException {
        SimulatedReplicaServer failing = SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").port(0)
                .timeScale(50).failureRate(1.0).build());
        try {
            RunResult r = run(options(URI.create(failing.baseUri() + "/v1"), LoadOptions.Api.COMPLETIONS,
                    Duration.ofSeconds(30)), sharedPrefix(10));
            assertThat(r.overall().failed()).isEqualTo(10);
            assertThat(r.failures().keySet()).allSatisfy(k -> assertThat(k).matches("http_(429|500|503)"));
        } finally {
            failing.close();
        }
    }

    @Test
    void aTargetThatIsNotListeningFailsToConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RunResult r = run(options(URI.create("http://127.0.0.1:" + port + "/v1"), LoadOptions.Api.COMPLETIONS,
                Duration.ofSeconds(30)), sharedPrefix(3));
        assertThat(r.failures()).containsEntry("connect_failed", 3L);
    }

    @Test
    void aServerThatNeverAnswersIsCutOffAfterTheDrain() throws InterruptedException {
        SimulatedReplicaServer hanging = SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").port(0)
                .hang(true).build());
        try {
            RunResult r = run(options(URI.create(hanging.baseUri() + "/v1"), LoadOptions.Api.COMPLETIONS,
                    Duration.ofMillis(500)), sharedPrefix(3));
            assertThat(r.overall().unfinished()).isEqualTo(3);
            assertThat(r.overall().requests()).isEqualTo(3);
        } finally {
            hanging.close();
        }
    }
}
