package dev.sextant.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.time.Clock;
import dev.sextant.core.datalayer.DataLayerOptions;
import dev.sextant.core.datalayer.EndpointState;
import dev.sextant.core.datalayer.EndpointStore;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The admin server's routes: {@code /metrics} (Prometheus text), {@code /healthz} (the process is
 * alive), {@code /readyz} (it should get traffic: discovery has delivered endpoints and the caller's
 * readiness gate, such as the leader lease, is open), and
 * {@code /debug/endpoints} (each endpoint's snapshot, health, age and last scores, as JSON).
 */
public final class AdminServices {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdminServices() {}

    /** Adds the admin routes to {@code server}. */
    public static void install(ServerBuilder server, GatewayMetrics metrics, EndpointStore store, Clock clock,
            DataLayerOptions options, BooleanSupplier ready) {
        server.service("/metrics", metrics(metrics));
        server.service("/healthz", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ok\n"));
        server.service("/readyz", (ctx, req) -> ready.getAsBoolean()
                ? HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n")
                : HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "not ready\n"));
        server.service("/debug/endpoints", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                endpoints(store, metrics, clock, options)));
    }

    private static HttpService metrics(GatewayMetrics metrics) {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        return (ctx, req) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            try {
                writer.write(out, metrics.registry().scrape());
            } catch (IOException e) {
                return HttpResponse.of(HttpStatus.INTERNAL_SERVER_ERROR, MediaType.PLAIN_TEXT_UTF_8, e.toString());
            }
            return HttpResponse.of(HttpStatus.OK, MediaType.parse(PrometheusTextFormatWriter.CONTENT_TYPE), out.toByteArray());
        };
    }

    /** The JSON of {@code /debug/endpoints}. */
    static String endpoints(EndpointStore store, GatewayMetrics metrics, Clock clock, DataLayerOptions options) {
        long now = clock.nanos();
        var scores = metrics.lastScores();
        ArrayNode list = JSON.createArrayNode();
        for (EndpointState s : store.view().all()) {
            ObjectNode e = list.addObject();
            var endpoint = s.snapshot().endpoint();
            e.put("address", endpoint.id().toString());
            e.put("name", endpoint.name());
            e.set("labels", JSON.valueToTree(endpoint.labels()));
            e.set("models", JSON.valueToTree(endpoint.models()));
            e.put("health", s.health().name().toLowerCase(java.util.Locale.ROOT));
            e.put("consecutiveFailures", s.consecutiveFailures());
            e.put("lastError", s.lastError());
            EndpointMetrics m = s.snapshot().metrics();
            ObjectNode mj = e.putObject("metrics");
            mj.put("waitingQueueSize", m.waitingQueueSize());
            mj.put("runningRequests", m.runningRequests());
            mj.put("kvCacheUsage", m.kvCacheUsage());
            mj.set("loraRunning", JSON.valueToTree(m.lora().running()));
            mj.set("loraWaiting", JSON.valueToTree(m.lora().waiting()));
            mj.put("loraMax", m.lora().maxActive());
            mj.put("cacheBlockSize", m.cacheBlockSize());
            mj.put("cacheNumBlocks", m.cacheNumBlocks());
            if (m.isKnown()) {
                long ageMillis = m.ageNanos(now) / 1_000_000;
                e.put("metricsAgeMs", ageMillis);
                e.put("stale", ageMillis > options.stalenessThreshold().toMillis());
            } else {
                e.putNull("metricsAgeMs");
                e.put("stale", true);
            }
            var last = scores.get(endpoint.id());
            if (last != null) {
                ObjectNode ls = e.putObject("lastScore");
                ls.put("profile", last.profile());
                ls.put("score", last.score());
                ls.put("epochMillis", last.epochMillis());
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("endpoints", list);
        return root.toPrettyString();
    }
}
