package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.server.ReplicaOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing follows the queue and KV-cache state the replicas themselves report on {@code /metrics},
 * scraped by the gateway's default data layer: nothing in the test sets endpoint metrics by hand.
 */
class RoutingFollowsReplicaMetricsTest {
    /** Two sequences in the running batch, so a handful of long requests leaves the rest waiting. */
    private static final EngineProfile TWO_SLOTS = EngineProfile.LLAMA_8B_H100.withLimits(2, 8192, 32_768);
    private static final int LONG_REQUESTS = 6;

    /** Sends the long requests straight to a replica; shutting it down drops them all. */
    private final HttpClient longRequests = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        longRequests.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void newRequestsAvoidTheReplicaWithAQueueAndReturnOnceItDrains() {
        cluster = LoopbackCluster.start(3, ReplicaOptions.builder().profile(TWO_SLOTS).seed(11).build());
        EndpointId busy = cluster.endpoint(0);

        // Long streams straight to replica 0, past the gateway: only its /metrics can tell.
        for (int i = 0; i < LONG_REQUESTS; i++) {
            startLongRequest(cluster.replica(0).baseUri());
        }
        cluster.awaitEndpoint(busy, e -> e.at("/metrics/waitingQueueSize").asInt() >= LONG_REQUESTS - 2, "a queue on " + busy);

        for (int i = 0; i < 20; i++) {
            var response = cluster.complete(2);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(LoopbackCluster.servedBy(response)).as("request %d", i)
                    .isIn(cluster.endpoint(1).toString(), cluster.endpoint(2).toString());
        }

        // The clients leave; the replica cancels their requests and reports an empty queue.
        longRequests.shutdownNow();
        cluster.awaitEndpoint(busy, e -> e.at("/metrics/waitingQueueSize").asInt() == 0
                && e.at("/metrics/runningRequests").asInt() == 0, "no queue on " + busy);
        boolean servedAgain = false;
        for (int i = 0; i < 40 && !servedAgain; i++) {
            servedAgain = LoopbackCluster.servedBy(cluster.complete(2)).equals(busy.toString());
        }
        assertThat(servedAgain).as("replica 0 serves again once its queue is gone").isTrue();
    }

    /** A streamed completion long enough to outlast the test; it ends when its client is shut down. */
    private void startLongRequest(URI replica) {
        longRequests.sendAsync(HttpRequest.newBuilder(replica.resolve("/v1/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LoopbackCluster.completionBody(20_000, true))).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
