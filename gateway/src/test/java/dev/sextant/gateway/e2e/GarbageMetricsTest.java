package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.MediaType;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.server.ReplicaOptions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint whose {@code /metrics} turns to garbage is marked unhealthy and leaves the candidate set,
 * without disturbing the gateway or the other endpoints, and comes back as soon as its metrics do.
 */
class GarbageMetricsTest {
    /** Kinds of garbage a broken exporter or a wrong port can serve. */
    private record Garbage(String what, String page, MediaType type) {}

    private static final List<Garbage> GARBAGE = List.of(
            new Garbage("an HTML page", "<html><body><h1>502 Bad Gateway</h1></body></html>", MediaType.HTML_UTF_8),
            new Garbage("JSON", "{\"waiting\": 3, \"running\": [1, 2]}", MediaType.JSON_UTF_8),
            new Garbage("binary noise", "\u0000\u00ff\u0013\u0007garbage\u0000" + "\u00fe".repeat(64), MediaType.OCTET_STREAM),
            new Garbage("a sample without a value", "vllm:num_requests_waiting{model_name=\"sim-model\"}\n",
                    MediaType.PLAIN_TEXT_UTF_8),
            new Garbage("a value that is not a number", "vllm:num_requests_waiting{model_name=\"sim-model\"} lots\n",
                    MediaType.PLAIN_TEXT_UTF_8));

    private final StubModelServer flaky = new StubModelServer();
    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        flaky.close();
    }

    @Test
    void garbageMetricsTakeTheEndpointOutUntilTheyRecover() {
        cluster = LoopbackCluster.start(2, ReplicaOptions.builder().timeScale(1000).build(),
                LoopbackCluster.CONFIG_WITH_FALLBACKS, List.of(flaky.id()), UnaryOperator.identity());
        EndpointId id = flaky.id();
        cluster.awaitEndpoint(id, e -> e.get("health").asText().equals("healthy") && !e.get("stale").asBoolean(),
                id + " healthy at start");

        for (Garbage garbage : GARBAGE) {
            flaky.serveMetrics(garbage.page(), garbage.type());
            cluster.awaitEndpoint(id, e -> e.get("health").asText().equals("unhealthy"), id + " unhealthy on " + garbage.what());
            assertThat(cluster.endpointView(id).get("lastError").asText()).as(garbage.what()).isNotBlank();
            for (int i = 0; i < 10; i++) {
                var r = cluster.complete(2);
                assertThat(r.statusCode()).as(garbage.what() + ": " + r.body()).isEqualTo(200);
                assertThat(LoopbackCluster.servedBy(r)).as(garbage.what()).isNotEqualTo(id.toString());
            }
            assertThat(cluster.admin("/healthz")).isEqualTo("ok\n");

            flaky.serveMetrics(StubModelServer.VALID_METRICS, MediaType.PLAIN_TEXT_UTF_8);
            cluster.awaitEndpoint(id, e -> e.get("health").asText().equals("healthy"), id + " healthy after " + garbage.what());
            boolean servedAgain = false;
            for (int i = 0; i < 40 && !servedAgain; i++) {
                servedAgain = LoopbackCluster.servedBy(cluster.complete(2)).equals(id.toString());
            }
            assertThat(servedAgain).as("back in the candidate set after " + garbage.what()).isTrue();
        }
    }
}
