package dev.sextant.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sextant.plugins.precise.PrecisePrefixCacheScorer;
import dev.sextant.plugins.precise.PrecisePrefixStatus;
import dev.sextant.plugins.precise.index.EndpointIndexStatus;
import dev.sextant.plugins.precise.subscriber.SubscriberStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code /debug/prefix} and the Prometheus series of the precise prefix scorers: per endpoint, the blocks
 * indexed, the event lag, the sequence gaps, the malformed messages and the SUB sockets the stall
 * watchdog replaced. Added by the gateway when the configuration has a {@code precise-prefix-cache-scorer}.
 */
public final class PrefixIndexServices {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PrefixIndexServices() {}

    /** Adds the route and registers the series for {@code scorers} (nothing when there are none). */
    public static void install(ServerBuilder server, PrometheusRegistry registry, List<PrecisePrefixCacheScorer> scorers) {
        if (scorers.isEmpty()) {
            return;
        }
        server.service("/debug/prefix", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                render(scorers)));
        indexGauge(registry, scorers, "sextant_prefix_index_blocks", "Engine blocks indexed per endpoint.",
                EndpointIndexStatus::blocks);
        subscriberCounter(registry, scorers, "sextant_kv_events_messages", "KV-event batches received.",
                SubscriberStatus::messages);
        subscriberCounter(registry, scorers, "sextant_kv_events_malformed", "KV-event messages dropped as malformed.",
                SubscriberStatus::malformed);
        subscriberCounter(registry, scorers, "sextant_kv_events_gaps", "KV-event sequence gaps (index entries dropped).",
                SubscriberStatus::gaps);
        subscriberCounter(registry, scorers, "sextant_kv_events_socket_recreations",
                "SUB sockets replaced by the stall watchdog.", SubscriberStatus::socketRecreations);
        GaugeWithCallback.builder().name("sextant_kv_events_lag_seconds")
                .help("Receive time minus engine timestamp of the last KV-event batch.")
                .labelNames("plugin", "endpoint").callback(cb -> {
                    for (PrecisePrefixCacheScorer scorer : scorers) {
                        for (SubscriberStatus s : scorer.status().subscriber()) {
                            if (s.lastLagMillis() >= 0) {
                                cb.call(s.lastLagMillis() / 1e3, scorer.name(), s.endpoint().toString());
                            }
                        }
                    }
                }).register(registry);
    }

    static String render(List<PrecisePrefixCacheScorer> scorers) {
        ArrayNode out = JSON.createArrayNode();
        for (PrecisePrefixCacheScorer scorer : scorers) {
            PrecisePrefixStatus status = scorer.status();
            ObjectNode p = out.addObject();
            p.put("plugin", status.plugin());
            p.put("blockTable", status.blockTable());
            p.put("distinctBlocks", status.distinctBlocks());
            p.put("unattributedMessages", status.unattributedMessages());
            ObjectNode endpoints = p.putObject("endpoints");
            for (EndpointIndexStatus i : status.index()) {
                ObjectNode e = endpoints.putObject(i.endpoint().toString());
                e.put("blocks", i.blocks());
                e.put("lastSequence", i.lastSequence());
                e.put("gaps", i.gaps());
                e.put("resets", i.resets());
                e.put("orphanBlocks", i.orphanBlocks());
                e.put("overflowBlocks", i.overflowBlocks());
                e.put("batches", i.batches());
            }
            for (SubscriberStatus s : status.subscriber()) {
                ObjectNode e = endpoints.has(s.endpoint().toString())
                        ? (ObjectNode) endpoints.get(s.endpoint().toString())
                        : endpoints.putObject(s.endpoint().toString());
                ObjectNode sub = e.putObject("events");
                sub.put("address", s.address());
                sub.put("messages", s.messages());
                sub.put("malformed", s.malformed());
                sub.put("skippedEvents", s.skippedEvents());
                sub.put("gaps", s.gaps());
                sub.put("socketRecreations", s.socketRecreations());
                sub.put("lagMillis", s.lastLagMillis());
                sub.put("lastMessageAgeMillis", s.lastMessageAgeMillis());
            }
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void indexGauge(PrometheusRegistry registry, List<PrecisePrefixCacheScorer> scorers, String name,
            String help, ToDoubleFunction<EndpointIndexStatus> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("plugin", "endpoint").callback(cb -> {
            for (PrecisePrefixCacheScorer scorer : scorers) {
                for (EndpointIndexStatus s : scorer.status().index()) {
                    cb.call(value.applyAsDouble(s), scorer.name(), s.endpoint().toString());
                }
            }
        }).register(registry);
    }

    private static void subscriberCounter(PrometheusRegistry registry, List<PrecisePrefixCacheScorer> scorers,
            String name, String help, ToDoubleFunction<SubscriberStatus> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("plugin", "endpoint").callback(cb -> {
            for (PrecisePrefixCacheScorer scorer : scorers) {
                for (SubscriberStatus s : scorer.status().subscriber()) {
                    cb.call(value.applyAsDouble(s), scorer.name(), s.endpoint().toString());
                }
            }
        }).register(registry);
    }
}
