package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.simulator.server.ReplicaOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When no endpoint can take a request: 429 when filters leave none, 503 when none is healthy. */
class NoCapacityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyCandidateFilteredOutIsA429() throws Exception {
        cluster = LoopbackCluster.start(2, ReplicaOptions.builder().instant(true).build(), """
                apiVersion: inference.networking.x-k8s.io/v1alpha1
                kind: EndpointPickerConfig
                plugins:
                - {type: label-selector-filter, name: decode-only, parameters: {matchLabels: {llm-d.ai/role: decode}}}
                - type: queue-scorer
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: decode-only}, {pluginRef: queue-scorer, weight: 1}]
                """, List.of(), UnaryOperator.identity());
        JsonNode error = error(cluster.complete(2), 429);
        assertThat(error.get("code").asText()).isEqualTo("no_endpoint_after_filters");
        assertThat(error.get("message").asText()).contains("decode-only");
    }

    @Test
    void noHealthyEndpointIsA503() throws Exception {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().instant(true).build());
        assertThat(cluster.complete(2).statusCode()).isEqualTo(200);
        cluster.replica(0).close();
        cluster.awaitEndpoint(cluster.endpoint(0), e -> e.get("health").asText().equals("unhealthy"), "unhealthy");
        JsonNode error = error(cluster.complete(2), 503);
        assertThat(error.get("code").asText()).isEqualTo("no_candidates");
        assertThat(error.get("message").asText()).contains("no healthy endpoint for model 'sim-model'");
    }

    private static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body()).get("error");
    }
}
