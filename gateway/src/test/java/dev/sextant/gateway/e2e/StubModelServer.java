package dev.sextant.gateway.e2e;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import dev.sextant.api.endpoint.EndpointId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in model server on a loopback port: its {@code /metrics} page can be switched between a
 * valid vLLM page and garbage, it answers completions with a fixed small body so requests routed to
 * it succeed, and it records the headers and protocol of every inference request it received. It
 * accepts HTTP/2 as well as HTTP/1.1.
 */
final class StubModelServer implements AutoCloseable {
    static final String VALID_METRICS = """
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="sim-model"} 0
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{model_name="sim-model"} 0
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{model_name="sim-model"} 0.0
            """;

    /** The headers of each inference request received, lower-case names. */
    final List<Map<String, String>> receivedHeaders = new CopyOnWriteArrayList<>();
    /** The protocol each inference request arrived over. */
    final List<SessionProtocol> receivedOver = new CopyOnWriteArrayList<>();
    private final Server server;
    private volatile String metrics = VALID_METRICS;
    private volatile MediaType metricsType = MediaType.PLAIN_TEXT_UTF_8;

    StubModelServer() {
        server = Server.builder()
                .http(0)
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, metricsType, metrics))
                .serviceUnder("/v1/", (ctx, req) -> HttpResponse.of(req.aggregate().thenApply(agg -> {
                    Map<String, String> headers = new HashMap<>();
                    agg.headers().forEach((name, value) -> headers.put(name.toString(), value));
                    receivedHeaders.add(headers);
                    receivedOver.add(ctx.sessionProtocol());
                    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, """
                                {"id":"cmpl-1","object":"text_completion","model":"sim-model",
                                 "choices":[{"index":0,"text":"hi","finish_reason":"length"}],
                                 "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
                                """);
                })))
                .build();
        server.start().join();
    }

    /** Serves {@code page} as {@code /metrics} from now on. */
    void serveMetrics(String page, MediaType type) {
        metricsType = type;
        metrics = page;
    }

    EndpointId id() {
        return EndpointId.parse("127.0.0.1:" + server.activeLocalPort());
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
