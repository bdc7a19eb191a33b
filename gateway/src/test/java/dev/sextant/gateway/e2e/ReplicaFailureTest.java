package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.server.ReplicaOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas that die or stop answering while the gateway routes to them. A request whose response has
 * not started reaching the client is never lost to a dead replica while another can serve it; once
 * nothing can, the client gets 502 or 504 naming the replica.
 */
class ReplicaFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 6;
    private static final int REQUESTS_PER_CLIENT = 40;

    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What one client request saw: when it started and ended (by a shared sequence), its status and server. */
    record Sent(long startedAt, long endedAt, int status, String servedBy, String body) {}

    @Test
    void aReplicaKilledDuringARunLosesNoRequestThatHadNotStartedStreaming() throws Exception {
        cluster = LoopbackCluster.start(3, ReplicaOptions.builder().timeScale(1000).seed(5).build());
        EndpointId victim = cluster.endpoint(0);
        AtomicLong sequence = new AtomicLong();
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        CountDownLatch warmedUp = new CountDownLatch(CLIENTS * 5);
        long killedAt;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        long started = sequence.incrementAndGet();
                        HttpResponse<String> r = cluster.complete(4);
                        sent.add(new Sent(started, sequence.incrementAndGet(), r.statusCode(),
                                LoopbackCluster.servedBy(r), r.body()));
                        warmedUp.countDown();
                    }
                    return null;
                });
            }
            assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
            // The victim accepts requests and sits on them, then dies with them in flight.
            cluster.replica(0).hang(true);
            Thread.sleep(Duration.ofMillis(200));
            killedAt = sequence.incrementAndGet();
            cluster.replica(0).close();
        }

        assertThat(sent).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        Map<Integer, Long> statuses = sent.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting()));
        assertThat(sent).as("statuses %s; first failure %s", statuses,
                        sent.stream().filter(s -> s.status() != 200).findFirst().map(Sent::body).orElse("none"))
                .allMatch(s -> s.status() == 200);
        List<Sent> rescued = sent.stream()
                .filter(s -> s.startedAt() < killedAt && s.endedAt() > killedAt && !s.servedBy().equals(victim.toString()))
                .toList();
        assertThat(rescued).as("requests caught on the dying replica, served by another").isNotEmpty();
        cluster.awaitEndpoint(victim, e -> e.get("health").asText().equals("unhealthy"), victim + " unhealthy");
        assertThat(LoopbackCluster.servedBy(cluster.complete(2))).isNotEqualTo(victim.toString());
    }

    @Test
    void aReplicaThatDiesBeforeAnsweringWithNoOtherLeftIsA502() throws Exception {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().hang(true).build());
        HttpResponse<String> r;
        try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
            var pending = client.submit(() -> cluster.complete(2));
            Thread.sleep(Duration.ofMillis(200));
            cluster.replica(0).close();
            r = pending.get(20, TimeUnit.SECONDS);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains(cluster.endpoint(0).toString());
    }

    @Test
    void aReplicaThatNeverAnswersIsA504() throws Exception {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().hang(true).build(),
                LoopbackCluster.CONFIG_WITH_FALLBACKS, List.of(), b -> b.responseTimeout(Duration.ofMillis(300)));
        HttpResponse<String> r = cluster.complete(2);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
        assertThat(JSON.readTree(r.body()).at("/error/message").asText())
                .contains(cluster.endpoint(0).toString()).contains("did not answer in time");
    }
}
