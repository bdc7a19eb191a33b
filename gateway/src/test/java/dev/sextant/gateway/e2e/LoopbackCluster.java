package dev.sextant.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.DataLayerOptions;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Simulated vLLM replicas on loopback ports with the real gateway in front of them, scraping the
 * replicas' own {@code /metrics} through the default data layer (metrics-data-source read by the
 * metrics-extractor). Responses carry {@code x-sextant-endpoint}, so a test can see where each
 * request went.
 */
final class LoopbackCluster implements AutoCloseable {
    static final String MODEL = "sim-model";

    /**
     * Queue depth and KV-cache use, as in the default configuration, with the picker keeping two
     * fallbacks behind the primary. No {@code dataLayer}: the default one scrapes every endpoint.
     */
    static final String CONFIG_WITH_FALLBACKS = """
            apiVersion: inference.networking.x-k8s.io/v1alpha1
            kind: EndpointPickerConfig
            plugins:
            - type: queue-scorer
            - type: kv-cache-utilization-scorer
            - {type: max-score-picker, parameters: {maxNumOfEndpoints: 3}}
            schedulingProfiles:
            - name: default
              plugins:
              - {pluginRef: queue-scorer, weight: 2}
              - {pluginRef: kv-cache-utilization-scorer, weight: 2}
              - {pluginRef: max-score-picker}
            """;

    /** Scrapes every 20 ms and gives up on an endpoint after 3 failed scrapes, backing off to 200 ms at most. */
    static final DataLayerOptions FAST_SCRAPES = new DataLayerOptions(Duration.ofMillis(20), Duration.ofSeconds(2), 3,
            Duration.ofMillis(200), Duration.ofSeconds(2));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private final List<SimulatedReplicaServer> replicas;
    private final Gateway gateway;

    private LoopbackCluster(List<SimulatedReplicaServer> replicas, Gateway gateway) {
        this.replicas = replicas;
        this.gateway = gateway;
    }

    /**
     * Starts {@code count} replicas serving {@link #MODEL} and a gateway over them and {@code extraEndpoints}.
     *
     * @param gatewayOptions adjusts the test's gateway options (loopback, free ports, endpoint header on)
     */
    static LoopbackCluster start(int count, ReplicaOptions replicaOptions, String config, List<EndpointId> extraEndpoints,
            UnaryOperator<GatewayOptions.Builder> gatewayOptions) {
        List<SimulatedReplicaServer> replicas = SimulatedReplicaServer.startGroup(count,
                replicaOptions.toBuilder().model(MODEL).host("127.0.0.1").port(0).build());
        try {
            List<Endpoint> endpoints = new ArrayList<>();
            replicas.forEach(r -> endpoints.add(Endpoint.of("127.0.0.1:" + r.port())));
            extraEndpoints.forEach(id -> endpoints.add(Endpoint.of(id)));
            CompiledConfig compiled = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production())
                    .load(config, "e2e");
            GatewayOptions options = gatewayOptions.apply(GatewayOptions.builder()
                    .httpPort(0).adminPort(0).bindAddress("127.0.0.1").exposeEndpointHeader(true)
                    .connectTimeout(Duration.ofSeconds(1)).dataLayer(FAST_SCRAPES).shutdownGrace(Duration.ZERO)).build();
            return new LoopbackCluster(replicas, Gateway.start(compiled, new StaticEndpointSource(endpoints), options));
        } catch (RuntimeException e) {
            replicas.forEach(SimulatedReplicaServer::close);
            throw e;
        }
    }

    static LoopbackCluster start(int count, ReplicaOptions replicaOptions) {
        return start(count, replicaOptions, CONFIG_WITH_FALLBACKS, List.of(), b -> b);
    }

    SimulatedReplicaServer replica(int index) {
        return replicas.get(index);
    }

    EndpointId endpoint(int index) {
        return EndpointId.parse("127.0.0.1:" + replicas.get(index).port());
    }

    Gateway gateway() {
        return gateway;
    }

    /** The gateway's OpenAI base URL, {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + gateway.httpPort() + "/v1";
    }

    /** POSTs {@code body} to the gateway; {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A small completions request through the gateway. */
    HttpResponse<String> complete(int maxTokens) {
        return post("/v1/completions", completionBody(maxTokens, false));
    }

    static String completionBody(int maxTokens, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"Say hello to the simulated replica.\",\"max_tokens\":"
                + maxTokens + ",\"ignore_eos\":true,\"stream\":" + stream + "}";
    }

    /** The endpoint that served a response, from {@code x-sextant-endpoint}. */
    static String servedBy(HttpResponse<?> response) {
        return response.headers().firstValue(GatewayOptions.ENDPOINT_HEADER).orElse("none");
    }

    /** GETs a page of the admin server. */
    String admin(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build()).body();
    }

    /** The gateway's view of {@code endpoint}: its entry in {@code /debug/endpoints}, or null. */
    JsonNode endpointView(EndpointId endpoint) {
        try {
            for (JsonNode e : JSON.readTree(admin("/debug/endpoints")).get("endpoints")) {
                if (e.get("address").asText().equals(endpoint.toString())) {
                    return e;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (up to 15 s) until the gateway's view of {@code endpoint} satisfies {@code condition}. */
    void awaitEndpoint(EndpointId endpoint, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = endpointView(endpoint);
            if (last != null && condition.test(last)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting for " + what + "; the gateway's view: " + last);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        List<Thread> closing = replicas.stream().map(r -> Thread.startVirtualThread(r::close)).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
