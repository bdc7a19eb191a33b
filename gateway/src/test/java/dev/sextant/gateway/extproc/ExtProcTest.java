package dev.sextant.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.plugins.scorer.ActiveRequestScorer;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Endpoint Picker Protocol over a real gRPC connection (TLS with the self-signed certificate),
 * with this test playing Envoy's message sequence. No Envoy binary exists here, so this client is
 * the stand-in; every message it sends is one Envoy sends in FULL_DUPLEX_STREAMED mode.
 */
class ExtProcTest {
    private static final String CHAT = "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final EndpointId A = EndpointId.parse("10.0.0.1:8000");
    private static final EndpointId B = EndpointId.parse("10.0.0.1:8001");
    private static Gateway gateway;
    private static CompiledConfig config;
    private static ClientFactory clients;
    private static ExternalProcessorGrpc.ExternalProcessorStub stub;

    @BeforeAll
    static void start() {
        config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production()).load("""
                apiVersion: inference.networking.x-k8s.io/v1alpha1
                kind: EndpointPickerConfig
                plugins:
                - {type: queue-scorer}
                - {type: active-request-scorer}
                - {type: max-score-picker, parameters: {maxNumOfEndpoints: 2}}
                schedulingProfiles:
                - name: default
                  plugins: [{pluginRef: queue-scorer, weight: 1}, {pluginRef: max-score-picker}]
                dataLayer: {sources: []}   # the endpoints are made-up addresses; nothing to scrape
                """, "extproc-test");
        gateway = Gateway.start(config, new StaticEndpointSource(List.of(
                        Endpoint.of(A).withModels(Set.of("llama")), Endpoint.of(B).withModels(Set.of("llama")))),
                GatewayOptions.builder().httpPort(GatewayOptions.DISABLED).extProcPort(0).grpcHealthPort(0).adminPort(0)
                        .bindAddress("127.0.0.1").maxBodyBytes(2L << 20).shutdownGrace(Duration.ZERO).build());
        gateway.store().update(A, s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(0).updatedAtNanos(System.nanoTime()).build()), 0));
        gateway.store().update(B, s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(5).updatedAtNanos(System.nanoTime()).build()), 0));
        clients = ClientFactory.insecure();
        stub = GrpcClients.builder("https://127.0.0.1:" + gateway.extProcPort()).factory(clients)
                .maxResponseMessageLength(0).responseTimeout(Duration.ZERO)
                .build(ExternalProcessorGrpc.ExternalProcessorStub.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        clients.close();
    }

    private static Map<String, String> setHeaders(ProcessingResponse r) {
        Map<String, String> out = new HashMap<>();
        for (HeaderValueOption h : r.getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersList()) {
            assertThat(h.getAppendAction()).isEqualTo(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
            out.put(h.getHeader().getKey(), h.getHeader().getRawValue().toStringUtf8());
        }
        return out;
    }

    private static String destination(ProcessingResponse r) {
        return r.getDynamicMetadata().getFieldsMap().get("envoy.lb").getStructValue().getFieldsMap()
                .get("x-gateway-destination-endpoint").getStringValue();
    }

    private static byte[] collectBody(EnvoyStream s) throws InterruptedException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            ProcessingResponse r = s.next();
            assertThat(r.hasRequestBody()).isTrue();
            var streamed = r.getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            assertThat(streamed.getBody().size()).isLessThanOrEqualTo(62_000);
            out.writeBytes(streamed.getBody().toByteArray());
            if (streamed.getEndOfStream()) {
                return out.toByteArray();
            }
        }
    }

    @Test
    void picksAnEndpointAndSendsTheBodyBack() throws Exception {
        EnvoyStream s = new EnvoyStream(stub)
                .requestHeaders("POST", "/v1/chat/completions", Map.of("content-type", "application/json",
                        "x-gateway-destination-endpoint", "6.6.6.6:666", "x-prefiller-host-port", "6.6.6.6:667"), false, null)
                .requestBody(CHAT.substring(0, 10), false)
                .requestBody(CHAT.substring(10), false)
                .requestBody("", true);
        ProcessingResponse headers = s.next();
        assertThat(headers.getRequestHeaders().getResponse().getClearRouteCache()).isTrue();
        Map<String, String> set = setHeaders(headers);
        assertThat(set.get("x-gateway-destination-endpoint")).isEqualTo(A + "," + B).isEqualTo(destination(headers));
        assertThat(set.get("content-length")).isEqualTo(Integer.toString(CHAT.length()));
        assertThat(set).containsKey("x-request-id");
        assertThat(headers.getRequestHeaders().getResponse().getHeaderMutation().getRemoveHeadersList())
                .contains("x-prefiller-host-port");
        assertThat(new String(collectBody(s))).isEqualTo(CHAT);

        s.responseHeaders(200, "application/json");
        assertThat(s.next().hasResponseHeaders()).isTrue();
        s.responseBody("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,", false);
        assertThat(s.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse().getBody().toStringUtf8())
                .isEqualTo("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,");
        s.responseBody("\"completion_tokens\":2}}", true);
        var last = s.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse();
        assertThat(last.getEndOfStream()).isTrue();
        s.close();
        assertThat(s.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        awaitNoneInFlight();
    }

    @Test
    void streamingResponsesPassThroughChunkByChunk() throws Exception {
        EnvoyStream s = new EnvoyStream(stub)
                .requestHeaders("POST", "/v1/completions", Map.of(), false, null)
                .requestBody("{\"model\":\"llama\",\"prompt\":\"x\",\"stream\":true}", true);
        s.next();
        collectBody(s);
        s.responseHeaders(200, "text/event-stream");
        s.next();
        for (int i = 0; i < 5; i++) {
            s.responseBody("data: {\"choices\":[{\"text\":\"" + i + "\"}]}\n\n", false);
            assertThat(s.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse().getBody()
                    .toStringUtf8()).contains("\"" + i + "\"");
        }
        s.responseBody("data: [DONE]\n\n", true);
        assertThat(s.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse().getEndOfStream()).isTrue();
        s.close();
        awaitNoneInFlight();
    }

    @Test
    void aOneMebibyteBodyComesBackInChunksOfAtMost62000Bytes() throws Exception {
        String prompt = "y".repeat(1 << 20);
        byte[] body = ("{\"model\":\"llama\",\"prompt\":\"" + prompt + "\"}").getBytes();
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null);
        for (int off = 0; off < body.length; off += 16_384) {
            byte[] chunk = java.util.Arrays.copyOfRange(body, off, Math.min(body.length, off + 16_384));
            s.requestBody(chunk, off + 16_384 >= body.length);
        }
        assertThat(setHeaders(s.next())).containsEntry("content-length", Integer.toString(body.length));
        assertThat(collectBody(s)).isEqualTo(body);
        s.close();
    }

    @Test
    void headersOnlyRequestsArePickedWithoutABody() throws Exception {
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("GET", "/v1/models", Map.of(), true, null);
        ProcessingResponse r = s.next();
        assertThat(setHeaders(r)).containsKey("x-gateway-destination-endpoint").doesNotContainKey("content-length");
        s.close();
    }

    @Test
    void badBodiesGetImmediateResponsesInTheProtocolFormat() throws Exception {
        assertImmediate("{not json", 400, "inference gateway: BadRequest - body is not valid JSON");
        assertImmediate("{\"prompt\":\"x\"}", 400, "inference gateway: BadRequest - model: missing");
        assertImmediate("{\"model\":\"gpt-9\",\"prompt\":\"x\"}", 404, "inference gateway: NotFound - no endpoint serves model 'gpt-9'");
    }

    private void assertImmediate(String body, int status, String message) throws Exception {
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null)
                .requestBody(body, true);
        ProcessingResponse r = s.next();
        assertThat(r.hasImmediateResponse()).as(body).isTrue();
        assertThat(r.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(status);
        assertThat(r.getImmediateResponse().getBody().toStringUtf8()).startsWith(message);
        s.close();
    }

    @Test
    void anOversizedBodyIsRefusedWithout413Buffering() throws Exception {
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null);
        byte[] chunk = new byte[1 << 20];
        s.requestBody(chunk, false).requestBody(chunk, false).requestBody(chunk, true);
        ProcessingResponse r = s.next();
        assertThat(r.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(413);
        assertThat(r.getImmediateResponse().getBody().toStringUtf8()).contains("PayloadTooLarge");
        s.close();
    }

    @Test
    void subsetHintsAreHonoured() throws Exception {
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/chat/completions", Map.of(), false,
                List.of(B.toString())).requestBody(CHAT, true);
        assertThat(destination(s.next())).isEqualTo(B.toString());
        collectBody(s);
        s.close();
        EnvoyStream empty = new EnvoyStream(stub).requestHeaders("POST", "/v1/chat/completions", Map.of(), false,
                List.of()).requestBody(CHAT, true);
        assertThat(empty.next().getImmediateResponse().getStatus().getCodeValue()).isEqualTo(503);
        empty.close();
        EnvoyStream foreign = new EnvoyStream(stub).requestHeaders("POST", "/v1/chat/completions", Map.of(), false,
                List.of("10.0.0.1:9999")).requestBody(CHAT, true);
        assertThat(foreign.next().getImmediateResponse().getBody().toStringUtf8())
                .startsWith("inference gateway: ServiceUnavailable - none of the 1 endpoints");
        foreign.close();
    }

    @Test
    void aClientCancellingMidBodyLeavesNothingBehind() throws Exception {
        EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null)
                .requestBody("{\"model\":\"llama\",", false);
        s.cancel();
        EnvoyStream routed = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null)
                .requestBody("{\"model\":\"llama\",\"prompt\":\"x\"}", true);
        routed.next();
        collectBody(routed);
        routed.cancel();
        awaitNoneInFlight();
    }

    @Test
    void aThousandConcurrentStreamsLeaveNoStateBehind() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                final int n = i;
                results.add(pool.submit(() -> {
                    EnvoyStream s = new EnvoyStream(stub)
                            .requestHeaders("POST", "/v1/completions", Map.of("x-request-id", "r-" + n), false, null)
                            .requestBody("{\"model\":\"llama\",\"prompt\":\"p" + n + "\"}", true);
                    String dest = destination(s.next());
                    collectBody(s);
                    s.responseHeaders(200, "application/json").next();
                    s.responseBody("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}", true).next();
                    s.close();
                    return dest;
                }));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isNotEmpty();
            }
        }
        awaitNoneInFlight();
    }

    private static void awaitNoneInFlight() throws InterruptedException {
        ActiveRequestScorer active = (ActiveRequestScorer) config.plugin("active-request-scorer").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (active.trackedEndpoints() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(active.trackedEndpoints()).as("requests still counted in flight").isZero();
    }
}
