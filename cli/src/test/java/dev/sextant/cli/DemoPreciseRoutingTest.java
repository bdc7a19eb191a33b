package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo's wiring end to end: replicas publishing KV events to the SUB socket the precise scorer binds,
 * the gateway reporting endpoints to it, {@code /debug/prefix}, and chat requests that share a long system
 * prompt following the replica whose engine reported holding it (after speculative entries expired).
 */
class DemoPreciseRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "demo-model";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void requestsSharingASystemPromptLandOnTheReplicaHoldingIt() throws Exception {
        int port = DemoConfig.freeLoopbackPort();
        List<SimulatedReplicaServer> sims = SimulatedReplicaServer.startGroup(3, ReplicaOptions.builder().model(MODEL)
                .instant(true).kvEvents(KvEventsEndpoint.parse("connect:" + DemoConfig.kvEventsAddress(port))).build());
        List<Endpoint> endpoints = new ArrayList<>();
        for (SimulatedReplicaServer s : sims) {
            endpoints.add(new Endpoint(EndpointId.parse("127.0.0.1:" + s.port()), null, Map.of(), Set.of(MODEL)));
        }
        CompiledConfig config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                EnginePluginContext.production()).load(DemoConfig.yaml(port), DemoConfig.SOURCE);
        try (Gateway gateway = Gateway.start(config, new StaticEndpointSource(endpoints), GatewayOptions.builder()
                .httpPort(0).adminPort(0).bindAddress("127.0.0.1").exposeEndpointHeader(true).poolName("t")
                .shutdownGrace(Duration.ofMillis(100)).build())) {
            Map<EndpointId, URI> byId = new java.util.LinkedHashMap<>();
            for (int i = 0; i < sims.size(); i++) {
                byId.put(endpoints.get(i).id(), sims.get(i).baseUri());
            }
            assertThat(new KvEventsWarmup().await(config.pluginsOf(
                    dev.sextant.plugins.precise.PrecisePrefixCacheScorer.class), byId, Duration.ofSeconds(60))).isTrue();
            URI base = URI.create("http://127.0.0.1:" + gateway.httpPort());
            URI admin = URI.create("http://127.0.0.1:" + gateway.adminPort());
            String system = "You are a careful assistant for the river stone cloud company. ".repeat(60);

            String first = chat(base, system, "First question?");
            awaitIndexed(admin, first);
            Thread.sleep(2_200); // let the speculative entries of the first pick expire: only events remain

            Set<String> served = new HashSet<>();
            for (int q = 0; q < 6; q++) {
                served.add(chat(base, system, "Question number " + q + "?"));
            }
            assertThat(served).containsExactly(first);
        } finally {
            sims.forEach(SimulatedReplicaServer::close);
        }
    }

    /** Waits until the index reports the system prompt's blocks for {@code endpoint}. */
    private void awaitIndexed(URI admin, String endpoint) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode prefix = JSON.readTree(get(admin.resolve("/debug/prefix")));
            JsonNode e = prefix.get(0).get("endpoints").get(endpoint);
            if (e != null && e.get("blocks").asInt() > 30) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no blocks indexed for " + endpoint + ": " + get(admin.resolve("/debug/prefix")));
    }

    private String chat(URI base, String system, String question) throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", MODEL, "max_tokens", 4, "messages", List.of(
                Map.of("role", "system", "content", system), Map.of("role", "user", "content", question))));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue(GatewayOptions.ENDPOINT_HEADER).orElseThrow();
    }

    private String get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
