package dev.sextant.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.Role;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sidecar on loopback between real simulated replicas, and between recording stand-ins. */
class SidecarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PROMPT = "The quick brown fox jumps over the lazy dog. ".repeat(40);
    /** What a prefill engine answers in the nixlv2 protocol. */
    private static final String PREFILL_ANSWER = """
            {"id":"cmpl-1","choices":[{"index":0,"text":"x","finish_reason":"remote_decode"}],
             "kv_transfer_params":{"do_remote_prefill":true,"do_remote_decode":false,"remote_block_ids":[1,2,3],
             "remote_engine_id":"engine-p","remote_host":"127.0.0.1","remote_port":5557,"tp_size":1}}""";

    private final java.util.ArrayList<AutoCloseable> closing = new java.util.ArrayList<>();

    /** Closes everything at once: an Armeria server takes a couple of seconds to stop. */
    @AfterEach
    void closeAll() {
        CompletableFuture.allOf(closing.stream().map(c -> CompletableFuture.runAsync(() -> {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    private <T extends AutoCloseable> T open(T resource) {
        closing.add(resource);
        return resource;
    }

    private SimulatedReplicaServer replica(Role role) {
        return open(SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").instant(true).role(role).build()));
    }

    private RecordingEngine recording(int status, String body) {
        return open(new RecordingEngine(req -> AggregatedHttpResponse.of(HttpStatus.valueOf(status),
                MediaType.JSON_UTF_8, body)));
    }

    private RoutingSidecar sidecar(int enginePort, PrefillTargets targets) {
        return open(RoutingSidecar.start(SidecarOptions.of(0, URI.create("http://127.0.0.1:" + enginePort), targets)));
    }

    private static HttpResponse<String> post(RoutingSidecar sidecar, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path))
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

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String completion(boolean stream) {
        return "{\"model\":\"m\",\"prompt\":" + JSON.valueToTree(PROMPT) + ",\"max_tokens\":12,\"stream\":" + stream + "}";
    }

    private static int promptTokensServed(SimulatedReplicaServer replica) {
        return replica.snapshot().join().promptTokens() > 0 ? 1 : 0;
    }

    @Test
    void prefillReplicaThenDecodeReplicaWithoutStreaming() {
        SimulatedReplicaServer prefill = replica(Role.PREFILL);
        SimulatedReplicaServer decode = replica(Role.DECODE);
        String prefillAt = "127.0.0.1:" + prefill.port();
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefillAt)));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port", prefillAt);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sextant-prefilled-by")).contains(prefillAt);
        JsonNode body = json(r);
        assertThat(body.at("/choices/0/finish_reason").asText()).isNotEqualTo("remote_decode");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(promptTokensServed(prefill)).as("the prefill replica computed the prompt").isEqualTo(1);
    }

    @Test
    void prefillReplicaThenDecodeReplicaStreaming() {
        SimulatedReplicaServer prefill = replica(Role.PREFILL);
        SimulatedReplicaServer decode = replica(Role.DECODE);
        String prefillAt = "127.0.0.1:" + prefill.port();
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefillAt)));

        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(PROMPT)
                + "}],\"max_tokens\":8,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        HttpResponse<String> r = post(sidecar, "/v1/chat/completions", chat, "x-prefiller-host-port", prefillAt);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/event-stream"));
        assertThat(r.body()).contains("data: [DONE]").contains("\"completion_tokens\":8");
        assertThat(promptTokensServed(prefill)).isEqualTo(1);
    }

    @Test
    void legsFollowTheNixlV2Shapes() {
        RecordingEngine prefill = recording(200, PREFILL_ANSWER);
        RecordingEngine decode = recording(200, "{\"choices\":[]}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));
        String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":50,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

        post(sidecar, "/v1/chat/completions", request, "x-prefiller-host-port", prefill.hostPort(),
                "x-request-id", "req-42", "authorization", "Bearer t");

        JsonNode p = prefill.body(0);
        assertThat(p.get("kv_transfer_params").toString()).isEqualTo("{\"do_remote_decode\":true,"
                + "\"do_remote_prefill\":false,\"remote_engine_id\":null,\"remote_block_ids\":null,"
                + "\"remote_host\":null,\"remote_port\":null}");
        assertThat(p.get("stream").asBoolean()).isFalse();
        assertThat(p.has("stream_options")).isFalse();
        assertThat(p.get("max_tokens").asInt()).isEqualTo(1);
        assertThat(p.get("max_completion_tokens").asInt()).isEqualTo(1);
        assertThat(prefill.requests.getFirst().path()).isEqualTo("/v1/chat/completions");

        JsonNode d = decode.body(0);
        assertThat(d.get("stream").asBoolean()).isTrue();
        assertThat(d.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
        assertThat(d.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(d.has("max_completion_tokens")).as("absent in the original, absent again").isFalse();
        assertThat(d.get("kv_transfer_params")).isEqualTo(json(PREFILL_ANSWER).get("kv_transfer_params"));

        for (var leg : List.of(prefill.requests.getFirst(), decode.requests.getFirst())) {
            assertThat(leg.headers().get("x-request-id")).isEqualTo("req-42");
            assertThat(leg.headers().get("authorization")).isEqualTo("Bearer t");
            assertThat(leg.headers().contains("x-prefiller-host-port")).isFalse();
        }
    }

    @Test
    void responsesCapMaxOutputTokensAndBothLegsShareAGeneratedRequestId() {
        RecordingEngine prefill = recording(200, PREFILL_ANSWER);
        RecordingEngine decode = recording(200, "{}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));

        post(sidecar, "/v1/responses", "{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":30}",
                "x-prefiller-host-port", prefill.hostPort());

        assertThat(prefill.body(0).get("max_output_tokens").asInt()).isEqualTo(1);
        assertThat(prefill.body(0).has("max_tokens")).isFalse();
        assertThat(decode.body(0).get("max_output_tokens").asInt()).isEqualTo(30);
        String id = prefill.requests.getFirst().headers().get("x-request-id");
        assertThat(id).isNotBlank().isEqualTo(decode.requests.getFirst().headers().get("x-request-id"));
    }

    @Test
    void withoutThePrefillerHeaderTheRequestGoesStraightToTheEngine() {
        RecordingEngine prefill = recording(200, PREFILL_ANSWER);
        SimulatedReplicaServer decode = replica(Role.BOTH);
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sextant-prefilled-by")).isEmpty();
        assertThat(prefill.requests).isEmpty();
    }

    @Test
    void ssrfProtectionRefusesATargetOutsideTheAllowedSetWithoutContactingIt() {
        RecordingEngine intruder = recording(200, PREFILL_ANSWER);
        RecordingEngine decode = recording(200, "{}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of("10.9.9.9:8000")));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(false),
                "x-prefiller-host-port", intruder.hostPort());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).at("/error/message").asText()).contains(intruder.hostPort()).contains("not an allowed");
        assertThat(intruder.requests).isEmpty();
        assertThat(decode.requests).isEmpty();
    }

    @Test
    void targetsAreIpAndPortNeverIpAlone() {
        RecordingEngine allowed = recording(200, PREFILL_ANSWER);
        RecordingEngine sameIpOtherPort = recording(200, PREFILL_ANSWER);
        RecordingEngine decode = recording(200, "{}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(allowed.hostPort())));

        assertThat(post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port",
                sameIpOtherPort.hostPort()).statusCode()).isEqualTo(403);
        assertThat(post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port",
                "127.0.0.1").statusCode()).isEqualTo(400);
        assertThat(post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port",
                allowed.hostPort()).statusCode()).isEqualTo(200);
        assertThat(sameIpOtherPort.requests).isEmpty();
        assertThat(allowed.requests).hasSize(1);
    }

    @Test
    void aPrefill4xxIsReturnedAsIs() {
        String refusal = "{\"error\":{\"message\":\"prompt too long\",\"type\":\"BadRequestError\",\"param\":null,"
                + "\"code\":400}}";
        RecordingEngine prefill = recording(400, refusal);
        RecordingEngine decode = recording(200, "{}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(false),
                "x-prefiller-host-port", prefill.hostPort());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(refusal);
        assertThat(decode.requests).isEmpty();
    }

    @Test
    void aPrefill5xxFallsBackToLocalDecodeWithTheOriginalRequest() {
        RecordingEngine prefill = recording(500, "{\"error\":{\"message\":\"boom\"}}");
        RecordingEngine decode = recording(200, "{\"ok\":true}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(true),
                "x-prefiller-host-port", prefill.hostPort());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(r.headers().firstValue("x-sextant-prefill-fallback")).hasValueSatisfying(
                v -> assertThat(v).contains("answered 500"));
        assertThat(decode.body(0)).isEqualTo(json(completion(true)));
    }

    @Test
    void anUnreachablePrefillEngineFallsBackToLocalDecode() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SimulatedReplicaServer decode = replica(Role.DECODE);
        String target = "127.0.0.1:" + closedPort;
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(target)));

        HttpResponse<String> r = post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port", target);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-sextant-prefill-fallback")).hasValueSatisfying(
                v -> assertThat(v).contains("unreachable"));
        assertThat(json(r).at("/usage/completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void anEngineThatIsDownIsA503InVllmsShape() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RecordingEngine prefill = recording(200, PREFILL_ANSWER);
        RoutingSidecar sidecar = sidecar(closedPort, PrefillTargets.only(List.of(prefill.hostPort())));

        for (HttpResponse<String> r : List.of(
                post(sidecar, "/v1/completions", completion(false), "x-prefiller-host-port", prefill.hostPort()),
                post(sidecar, "/v1/completions", completion(false)))) {
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode error = json(r).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(503);
            assertThat(error.get("type").asText()).isEqualTo("ServiceUnavailable");
            assertThat(error.get("message").asText()).contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void otherPathsPassThrough() {
        SimulatedReplicaServer decode = replica(Role.DECODE);
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(Set.of()));
        HttpResponse<String> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).at("/data/0/id").asText()).isEqualTo("m");
    }

    @Test
    void anUnparsableBodyWithAPrefillTargetIsA400() {
        RecordingEngine prefill = recording(200, PREFILL_ANSWER);
        RecordingEngine decode = recording(200, "{}");
        RoutingSidecar sidecar = sidecar(decode.port(), PrefillTargets.only(List.of(prefill.hostPort())));
        HttpResponse<String> r = post(sidecar, "/v1/completions", "{\"prompt\":", "x-prefiller-host-port",
                prefill.hostPort());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).startsWith("request body: invalid JSON");
        assertThat(prefill.requests).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
