package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.core.requestcontrol.InferenceHeaders;
import dev.sextant.simulator.server.ReplicaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing headers a client sends (the Endpoint Picker Protocol's destination headers and the P/D
 * prefiller header) never choose the destination and never reach a model server.
 */
class ClientRoutingHeadersTest {
    private static final int REQUESTS = 30;

    private final StubModelServer stub = new StubModelServer();
    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        stub.close();
    }

    @Test
    void routingHeadersFromClientsAreDeletedAndIgnored() {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().instant(true).build(),
                LoopbackCluster.CONFIG_WITH_FALLBACKS, List.of(stub.id()), UnaryOperator.identity());
        cluster.awaitEndpoint(stub.id(), e -> !e.get("stale").asBoolean(), "metrics of " + stub.id());
        String replica = cluster.endpoint(0).toString();
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // Half of them name the replica, half an address outside the pool.
            String destination = i % 2 == 0 ? replica : "127.0.0.1:1";
            List<String> headers = new ArrayList<>();
            for (String name : InferenceHeaders.ROUTING) {
                headers.add(name);
                headers.add(destination);
            }
            var r = cluster.post("/v1/completions", LoopbackCluster.completionBody(2, false),
                    headers.toArray(String[]::new));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            servedBy.add(LoopbackCluster.servedBy(r));
        }
        assertThat(servedBy).as("the stub was chosen although every request named the replica or nothing")
                .contains(stub.id().toString());
        assertThat(stub.receivedHeaders).isNotEmpty().allSatisfy(headers ->
                assertThat(headers).doesNotContainKeys(InferenceHeaders.ROUTING.toArray(String[]::new)));
    }
}
