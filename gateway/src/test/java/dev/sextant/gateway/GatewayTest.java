package dev.sextant.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standalone gateway end to end on loopback, against fake model servers. */
class GatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gateway gateway;

    @AfterEach
    void closeAll() throws Exception {
        List<Thread> closing = new ArrayList<>();
        if (gateway != null) {
            closing.add(Thread.startVirtualThread(gateway::close));
        }
        for (AutoCloseable c : closeables) {
            closing.add(Thread.startVirtualThread(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : closing) {
            t.join();
        }
    }

    private FakeModelServer server(String name, String... models) {
        FakeModelServer s = new FakeModelServer(name, models);
        closeables.add(s);
        return s;
    }

    /** GIE's default scorers, without metrics collection: these tests set endpoint metrics themselves. */
    private static final String DEFAULT_SCORERS = """
            plugins: [{type: queue-scorer}, {type: kv-cache-utilization-scorer}]
            schedulingProfiles:
            - name: default
              plugins: [{pluginRef: queue-scorer, weight: 2}, {pluginRef: kv-cache-utilization-scorer, weight: 2}]
            """;

    private Gateway start(String configBody, List<Endpoint> endpoints, long maxBody) {
        ConfigLoader loader = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production());
        String body = configBody == null ? DEFAULT_SCORERS : configBody;
        if (!body.contains("dataLayer")) {
            body += "dataLayer: {sources: []}\n"; // the fake servers have no /metrics; scrapes would fail them
        }
        CompiledConfig config = loader.load("apiVersion: config.sextant.dev/v1alpha1\nkind: EndpointPickerConfig\n"
                + body, "t");
        GatewayOptions options = GatewayOptions.builder().httpPort(0).adminPort(0).bindAddress("127.0.0.1")
                .maxBodyBytes(maxBody).connectTimeout(Duration.ofSeconds(1)).exposeEndpointHeader(true).poolName("test")
                .shutdownGrace(Duration.ZERO).build();
        gateway = Gateway.start(config, new StaticEndpointSource(endpoints), options);
        return gateway;
    }

    private Gateway start(List<Endpoint> endpoints) {
        return start(null, endpoints, 1 << 20);
    }

    private void queue(EndpointId id, int waiting) {
        gateway.store().update(id, s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(waiting).updatedAtNanos(System.nanoTime()).build()), 0));
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void routesByQueueAndForwardsTheBodyUntouched() throws Exception {
        FakeModelServer a = server("a", "llama");
        FakeModelServer b = server("b", "llama");
        start(List.of(Endpoint.of(a.id()), Endpoint.of(b.id())));
        queue(a.id(), 9);
        queue(b.id(), 0);
        String body = "{\"model\":\"llama\", \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}], \"x_custom\": [1,{\"y\":2}]}";
        HttpResponse<String> r = post("/v1/chat/completions", body, "x-gateway-destination-endpoint", a.id().toString(),
                "x-request-id", "req-42");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("served_by").asText()).isEqualTo("b");
        assertThat(r.headers().firstValue("x-sextant-endpoint")).contains(b.id().toString());
        FakeModelServer.Received received = b.last();
        assertThat(received.body()).isEqualTo(JSON.readTree(body));
        assertThat(received.headers()).doesNotContainKey("x-gateway-destination-endpoint")
                .containsEntry("x-request-id", "req-42");
        assertThat(a.received).isEmpty();
    }

    @Test
    void streamsServerSentEventsThroughAndCountsUsage() throws Exception {
        FakeModelServer a = server("a", "llama");
        start(List.of(Endpoint.of(a.id())));
        HttpResponse<String> r = post("/v1/chat/completions", CHAT.formatted(",\"stream\":true"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(r.body()).contains("\"hel\"").contains("\"ld\"").endsWith("data: [DONE]\n\n");
        String metrics = awaitMetric(
                "inference_objective_output_tokens_sum{model_name=\"llama\",target_model_name=\"llama\"}", "4.0");
        assertThat(metrics).contains("inference_objective_input_tokens_sum{model_name=\"llama\",target_model_name=\"llama\"} 11.0");
    }

    @Test
    void fallsBackWhenThePrimaryRefusesTheConnectionOrIsBusy() throws Exception {
        FakeModelServer busy = server("busy", "llama");
        busy.status = 503;
        FakeModelServer ok = server("ok", "llama");
        EndpointId dead = EndpointId.parse("127.0.0.1:1");
        start("""
                plugins: [{type: queue-scorer}, {type: max-score-picker, parameters: {maxNumOfEndpoints: 3}}]
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: queue-scorer, weight: 1}, {pluginRef: max-score-picker}]
                """, List.of(Endpoint.of(dead), Endpoint.of(busy.id()), Endpoint.of(ok.id())), 1 << 20);
        queue(dead, 0);
        queue(busy.id(), 1);
        queue(ok.id(), 2);
        HttpResponse<String> r = post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("served_by").asText()).isEqualTo("ok");
        assertThat(busy.received).hasSize(1);
    }

    @Test
    void whenEveryEndpointIsGoneTheClientGetsA502() throws Exception {
        start(List.of(Endpoint.of("127.0.0.1:1")));
        HttpResponse<String> r = post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("upstream_unreachable");
        assertThat(json(r).at("/error/message").asText()).contains("127.0.0.1:1");
    }

    @Test
    void badRequestsGetOpenAiErrorsNamingTheProblem() throws Exception {
        FakeModelServer a = server("a", "llama");
        start(null, List.of(Endpoint.of(a.id()).withModels(Set.of("llama"))), 2_000);
        assertError(post("/v1/chat/completions", "{not json"), 400, "body is not valid JSON");
        assertError(post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, "model: missing");
        assertError(post("/v1/chat/completions", "{\"model\":\"llama\",\"messages\":[]}"), 400, "messages: an empty list");
        assertError(post("/v1/completions", "{\"model\":\"gpt-9\",\"prompt\":\"x\"}"), 404, "no endpoint serves model 'gpt-9'");
        assertError(post("/v1/completions", "{\"model\":\"llama\",\"prompt\":\"" + "x".repeat(3_000) + "\"}"), 413,
                "larger than 2000 bytes");
        assertError(post("/nope", "{}"), 404, "no such route");
        assertThat(a.received).isEmpty();
    }

    private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(json(r).at("/error/message").asText()).contains(message);
    }

    @Test
    void noEndpointsIsServiceUnavailable() throws Exception {
        start(List.of());
        HttpResponse<String> r = post("/v1/completions", "{\"model\":\"llama\",\"prompt\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(get(gateway.adminPort(), "/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void modelRewriteRulesRewriteOnlyTheModel() throws Exception {
        FakeModelServer a = server("a", "llama", "llama-sql");
        start("""
                plugins: [{type: queue-scorer}]
                schedulingProfiles: [{name: default, plugins: [{pluginRef: queue-scorer, weight: 1}]}]
                modelRewrites:
                - model: llama
                  targets: [{model: llama-sql, weight: 1}]
                """, List.of(Endpoint.of(a.id())), 1 << 20);
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],  \"model\" : \"llama\", \"temperature\":0.5}";
        assertThat(post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        JsonNode forwarded = a.last().body();
        assertThat(forwarded.get("model").asText()).isEqualTo("llama-sql");
        assertThat(forwarded.get("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aClientThatGoesAwayCancelsTheUpstreamRequest() throws Exception {
        FakeModelServer a = server("a", "llama");
        a.streamForever = true;
        start(List.of(Endpoint.of(a.id())));
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(",\"stream\":true"))).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] some = r.body().readNBytes(50);
        assertThat(some).hasSize(50);
        r.body().close();
        assertThat(a.cancelled.await(10, TimeUnit.SECONDS)).as("upstream saw the cancellation").isTrue();
        awaitMetric("sextant_responses_total{model_name=\"llama\",outcome=\"cancelled\",status=\"200\"}", "1.0");
    }

    @Test
    void listsTheUnionOfModels() throws Exception {
        FakeModelServer a = server("a", "llama", "sql-lora");
        FakeModelServer b = server("b", "llama", "chat-lora");
        start(List.of(Endpoint.of(a.id()), Endpoint.of(b.id()).withModels(Set.of("llama", "chat-lora", "declared-only"))));
        HttpResponse<String> r = get(gateway.httpPort(), "/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("llama", "sql-lora", "chat-lora", "declared-only");
    }

    @Test
    void adminServerExposesHealthMetricsAndEndpoints() throws Exception {
        FakeModelServer a = server("a", "llama");
        start(List.of(Endpoint.of(a.id())));
        queue(a.id(), 3);
        post("/v1/chat/completions", CHAT.formatted(""));
        assertThat(get(gateway.adminPort(), "/healthz").statusCode()).isEqualTo(200);
        String metrics = get(gateway.adminPort(), "/metrics").body();
        assertThat(metrics)
                .contains("inference_objective_request_total{model_name=\"llama\",priority=\"0\",target_model_name=\"llama\"} 1.0")
                .contains("inference_extension_scheduler_e2e_duration_seconds_count 1")
                .contains("inference_extension_plugin_duration_seconds_count{extension_point=\"Scorer\",plugin_name=\"queue-scorer\",plugin_type=\"queue-scorer\"} 1")
                .contains("sextant_endpoint_waiting_requests{endpoint=\"" + a.id() + "\"")
                .contains("inference_pool_ready_pods{name=\"test\"} 1.0");
        JsonNode debug = json(get(gateway.adminPort(), "/debug/endpoints"));
        JsonNode e = debug.get("endpoints").get(0);
        assertThat(e.get("address").asText()).isEqualTo(a.id().toString());
        assertThat(e.get("health").asText()).isEqualTo("healthy");
        assertThat(e.at("/metrics/waitingQueueSize").asInt()).isEqualTo(3);
        assertThat(e.at("/lastScore/profile").asText()).isEqualTo("default");
    }

    private String awaitMetric(String series, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(gateway.adminPort(), "/metrics").body();
            if (body.contains(series + " " + value)) {
                return body;
            }
            Thread.sleep(20);
        }
        assertThat(body).contains(series + " " + value);
        return body;
    }
}
