package dev.sextant.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpData;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;
import dev.sextant.api.endpoint.EndpointId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OpenAI-compatible model server on a loopback port, for testing the proxy: it records
 * what it received, answers chat completions (JSON or SSE), can answer 503, and can stream forever.
 */
final class FakeModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final CountDownLatch cancelled = new CountDownLatch(1);
    volatile int status = 200;
    volatile boolean streamForever;
    /** The Prometheus text served at {@code /metrics}; {@code null} answers 404. */
    volatile String metrics;
    private final Server server;

    record Received(String path, Map<String, String> headers, JsonNode body) {}

    FakeModelServer(String name, String... models) {
        this.name = name;
        server = Server.builder()
                .http(0)
                .requestTimeout(Duration.ZERO)
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .service("/metrics", (ctx, req) -> {
                    String text = metrics;
                    return text == null ? HttpResponse.of(HttpStatus.NOT_FOUND)
                            : HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, text);
                })
                .service("/v1/models", (ctx, req) -> {
                    var data = JSON.createArrayNode();
                    for (String m : models) {
                        data.addObject().put("id", m).put("object", "model").put("owned_by", name);
                    }
                    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                            JSON.createObjectNode().put("object", "list").set("data", data).toString());
                })
                .serviceUnder("/v1/", (ctx, req) -> HttpResponse.of(req.aggregate().thenApply(agg -> {
                    JsonNode body;
                    try {
                        body = JSON.readTree(agg.contentUtf8());
                    } catch (Exception e) {
                        body = null;
                    }
                    Map<String, String> headers = new java.util.HashMap<>();
                    agg.headers().forEach((k, v) -> headers.put(k.toString(), v));
                    received.add(new Received(agg.path(), headers, body));
                    if (status != 200) {
                        return HttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON_UTF_8,
                                "{\"error\":{\"message\":\"busy\"}}");
                    }
                    if (streamForever) {
                        return forever(ctx);
                    }
                    boolean stream = body != null && body.path("stream").asBoolean(false);
                    return stream ? sse() : json(body);
                })))
                .build();
        server.start().join();
    }

    private HttpResponse json(JsonNode body) {
        String model = body == null ? "" : body.path("model").asText();
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, """
                {"id":"chatcmpl-1","object":"chat.completion","model":"%s","served_by":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9,"prompt_tokens_details":{"cached_tokens":3}}}
                """.formatted(model, name));
    }

    private HttpResponse sse() {
        HttpResponseWriter w = HttpResponse.streaming();
        w.write(ResponseHeaders.of(HttpStatus.OK, "content-type", "text/event-stream"));
        for (String word : List.of("hel", "lo ", "wor", "ld")) {
            w.write(HttpData.ofUtf8("data: {\"choices\":[{\"delta\":{\"content\":\"" + word + "\"}}]}\n\n"));
        }
        w.write(HttpData.ofUtf8("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4}}\n\n"));
        w.write(HttpData.ofUtf8("data: [DONE]\n\n"));
        w.close();
        return w;
    }

    private HttpResponse forever(com.linecorp.armeria.server.ServiceRequestContext ctx) {
        HttpResponseWriter w = HttpResponse.streaming();
        w.write(ResponseHeaders.of(HttpStatus.OK, "content-type", "text/event-stream"));
        ctx.whenRequestCancelled().thenRun(cancelled::countDown);
        w.whenComplete().handle((v, e) -> {
            cancelled.countDown();
            return null;
        });
        var tick = ctx.eventLoop().scheduleAtFixedRate(() -> {
            if (w.isOpen()) {
                w.tryWrite(HttpData.ofUtf8("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"));
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        w.whenComplete().handle((v, e) -> tick.cancel(false));
        return w;
    }

    EndpointId id() {
        return EndpointId.parse("127.0.0.1:" + server.activeLocalPort());
    }

    Received last() {
        return received.getLast();
    }

    @Override
    public void close() {
        server.stop().join();
    }

}
