package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.simulator.server.ReplicaOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole P/D path on loopback: client → gateway (examples/pd.yaml) → decode replica's sidecar →
 * prefill replica → decode replica. Prefill and decode replicas share 127.0.0.1 and differ only by
 * port, so every assertion on who served is also one on ip:port identity.
 */
class PdEndToEndTest {
    private static final String MODEL = "m";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LONG_PROMPT = "tell me more about this ".repeat(300);

    private static PdDemoCluster cluster;
    private static Gateway gateway;
    private static Map<String, String> names;

    @BeforeAll
    static void start() throws IOException {
        cluster = PdDemoCluster.start(2, 2, ReplicaOptions.builder().model(MODEL).host("127.0.0.1").port(0)
                .instant(true).build());
        names = cluster.names();
        gateway = startGateway(Files.readString(Path.of("..", "examples", "pd.yaml")), cluster.endpoints(MODEL));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cluster.close();
    }

    private static Gateway startGateway(String yaml, List<Endpoint> endpoints) {
        var config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production())
                .load(yaml, "pd.yaml");
        return Gateway.start(config, new StaticEndpointSource(endpoints), GatewayOptions.builder().httpPort(0)
                .adminPort(0).bindAddress("127.0.0.1").exposeEndpointHeader(true).poolName("pd-test")
                .connectTimeout(Duration.ofSeconds(1)).shutdownGrace(Duration.ZERO).build());
    }

    private static HttpResponse<String> post(Gateway gateway, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String completion(String prompt, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":" + JSON.valueToTree(prompt) + ",\"max_tokens\":10,\"stream\":"
                + stream + "}";
    }

    private static String servedBy(HttpResponse<String> r, String header) {
        return r.headers().firstValue(header).map(names::get).orElse("none");
    }

    @Test
    void aLongPromptIsPrefilledOnAPrefillReplicaAndDecodedOnADecodeReplica() throws IOException {
        HttpResponse<String> r = post(gateway, "/v1/completions", completion(LONG_PROMPT, false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(servedBy(r, "x-sextant-endpoint")).startsWith("decode-");
        assertThat(servedBy(r, "x-sextant-prefilled-by")).startsWith("prefill-");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(10);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aLongPromptStreamsBackThroughBothLegs() {
        String chat = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(LONG_PROMPT) + "}],\"max_tokens\":6,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}";
        HttpResponse<String> r = post(gateway, "/v1/chat/completions", chat);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(servedBy(r, "x-sextant-prefilled-by")).startsWith("prefill-");
        assertThat(r.body()).contains("\"completion_tokens\":6").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aShortPromptSkipsPrefill() {
        HttpResponse<String> r = post(gateway, "/v1/completions", completion("Hello!", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(servedBy(r, "x-sextant-endpoint")).startsWith("decode-");
        assertThat(r.headers().firstValue("x-sextant-prefilled-by")).isEmpty();
    }

    @Test
    void aClientCannotChooseThePrefillTarget() {
        String prefill0 = names.entrySet().stream().filter(e -> e.getValue().equals("prefill-0")).findFirst()
                .orElseThrow().getKey();
        HttpResponse<String> r = post(gateway, "/v1/completions", completion("Hello!", false),
                "x-prefiller-host-port", prefill0);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sextant-prefilled-by")).as("the gateway dropped the client's header")
                .isEmpty();
    }

    @Test
    void prefillDecidedWithoutAPrefillReplicaFailsClearly() throws IOException {
        List<Endpoint> decodeOnly = cluster.endpoints(MODEL).stream()
                .filter(e -> e.role().orElse("").equals("decode")).toList();
        Gateway noPrefill = startGateway(Files.readString(Path.of("..", "examples", "pd.yaml")), decodeOnly);
        try {
            HttpResponse<String> r = post(noPrefill, "/v1/completions", completion(LONG_PROMPT, false));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("prefill was decided for this request but profile 'prefill' found no"
                    + " prefill endpoint");
            assertThat(post(noPrefill, "/v1/completions", completion("Hello!", false)).statusCode()).isEqualTo(200);
        } finally {
            noPrefill.close();
        }
    }

    @Test
    void theDemoConfigurationIsExamplesPdYaml() throws IOException {
        assertThat(PdDemoText.config()).isEqualTo(Files.readString(Path.of("..", "examples", "pd.yaml")));
    }
}
