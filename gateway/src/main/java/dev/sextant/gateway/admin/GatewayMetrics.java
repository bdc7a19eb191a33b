package dev.sextant.gateway.admin;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.ScoredCandidates;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.Clock;
import dev.sextant.core.datalayer.DataLayerObserver;
import dev.sextant.core.datalayer.EndpointState;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.core.flowcontrol.FlowControlObserver;
import dev.sextant.core.flowcontrol.FlowController;
import dev.sextant.core.flowcontrol.FlowOutcome;
import dev.sextant.core.requestcontrol.RequestObserver;
import dev.sextant.core.requestcontrol.RoutingDecision;
import dev.sextant.core.scheduling.ExtensionPoint;
import dev.sextant.core.scheduling.PluginTimer;
import dev.sextant.core.scheduling.SchedulingObserver;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's Prometheus metrics, fed by the engine's observer hooks. Names follow GIE's where
 * one exists ({@code inference_objective_*}, {@code inference_pool_*}, {@code inference_extension_*});
 * Sextant's own are prefixed {@code sextant_}. Also keeps the last scores each endpoint received,
 * sampled, for {@code /debug/endpoints}. Thread-safe.
 */
public final class GatewayMetrics implements SchedulingObserver, RequestObserver, DataLayerObserver,
        FlowControlObserver {
    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
        120, 300, 600};
    private static final double[] PLUGIN_BUCKETS = {1e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3,
        1e-2, 5e-2, 0.1};
    private static final double[] TOKEN_BUCKETS = {1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
        32768, 65536, 131072};
    /** How often the last scores are sampled at most. */
    private static final long SCORE_SAMPLE_NANOS = 200_000_000L;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final Counter requests;
    private final Counter requestErrors;
    private final Histogram requestDuration;
    private final Histogram inputTokens;
    private final Histogram outputTokens;
    private final Histogram cachedTokens;
    private final Gauge running;
    private final Counter responses;
    private final Histogram schedulerE2e;
    private final Counter schedulerAttempts;
    private final Histogram pluginDuration;
    private final Counter pluginFailures;
    private final Counter polls;
    private final Counter flowOutcomes;
    private final Histogram queueDuration;
    private final Map<EndpointId, LastScore> lastScores = new ConcurrentHashMap<>();
    private final AtomicLong lastScoreSample = new AtomicLong(Long.MIN_VALUE);

    /** The total score an endpoint received in the last sampled scheduling cycle. */
    public record LastScore(String profile, double score, long epochMillis) {}

    public GatewayMetrics(Clock clock) {
        this.clock = clock;
        requests = Counter.builder().name("inference_objective_request_total")
                .help("Requests by model, target model and priority.")
                .labelNames("model_name", "target_model_name", "priority").register(registry);
        requestErrors = Counter.builder().name("inference_objective_request_error_total")
                .help("Requests that failed, by model, target model and error code.")
                .labelNames("model_name", "target_model_name", "error_code").register(registry);
        requestDuration = Histogram.builder().name("inference_objective_request_duration_seconds")
                .help("Time from arrival to the end of the response.").classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .labelNames("model_name", "target_model_name").register(registry);
        inputTokens = tokens("inference_objective_input_tokens", "Prompt tokens per request.");
        outputTokens = tokens("inference_objective_output_tokens", "Completion tokens per request.");
        cachedTokens = tokens("inference_objective_prompt_cached_tokens", "Prompt tokens served from the prefix cache.");
        running = Gauge.builder().name("inference_objective_running_requests")
                .help("Requests routed and not yet complete.").labelNames("model_name").register(registry);
        responses = Counter.builder().name("sextant_responses_total")
                .help("Requests by model, HTTP status and outcome.")
                .labelNames("model_name", "status", "outcome").register(registry);
        schedulerE2e = Histogram.builder().name("inference_extension_scheduler_e2e_duration_seconds")
                .help("Duration of one scheduling cycle.").classicOnly().classicUpperBounds(PLUGIN_BUCKETS).register(registry);
        schedulerAttempts = Counter.builder().name("inference_extension_scheduler_attempts_total")
                .help("Scheduling cycles by outcome.").labelNames("status").register(registry);
        pluginDuration = Histogram.builder().name("inference_extension_plugin_duration_seconds")
                .help("Time spent in each plugin, measured by the engine.").classicOnly().classicUpperBounds(PLUGIN_BUCKETS)
                .labelNames("extension_point", "plugin_type", "plugin_name").register(registry);
        pluginFailures = Counter.builder().name("sextant_plugin_failures_total")
                .help("Plugin calls that threw, contained by the engine.")
                .labelNames("extension_point", "plugin_name").register(registry);
        polls = Counter.builder().name("sextant_datalayer_polls_total")
                .help("Data-source polls by source and outcome.").labelNames("source", "outcome").register(registry);
        flowOutcomes = Counter.builder().name("sextant_flow_control_outcomes_total")
                .help("Requests leaving flow control, by outcome (dispatched, rejected_capacity, evicted_ttl,"
                        + " evicted_client_gone, evicted_shutdown) and priority.")
                .labelNames("outcome", "priority").register(registry);
        queueDuration = Histogram.builder().name("inference_extension_flow_control_request_queue_duration_seconds")
                .help("Time requests waited in flow control, by outcome and priority.").classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .labelNames("outcome", "priority").register(registry);
    }

    private Histogram tokens(String name, String help) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(TOKEN_BUCKETS)
                .labelNames("model_name", "target_model_name").register(registry);
    }

    /** Registers gauges computed from the endpoint store at scrape time. */
    public void watch(EndpointStore store, String poolName) {
        GaugeWithCallback.builder().name("inference_pool_ready_pods").help("Endpoints eligible for requests.")
                .labelNames("name").callback(cb -> cb.call(store.view().eligible().size(), poolName)).register(registry);
        GaugeWithCallback.builder().name("inference_pool_average_queue_size")
                .help("Mean waiting queue over eligible endpoints.").labelNames("name")
                .callback(cb -> cb.call(average(store, EndpointMetrics::waitingQueueSize), poolName)).register(registry);
        GaugeWithCallback.builder().name("inference_pool_average_kv_cache_utilization")
                .help("Mean KV-cache usage over eligible endpoints.").labelNames("name")
                .callback(cb -> cb.call(average(store, EndpointMetrics::kvCacheUsage), poolName)).register(registry);
        perEndpoint(store, "sextant_endpoint_waiting_requests", "Waiting queue of each endpoint.",
                s -> s.snapshot().metrics().waitingQueueSize());
        perEndpoint(store, "sextant_endpoint_running_requests", "Running requests of each endpoint.",
                s -> s.snapshot().metrics().runningRequests());
        perEndpoint(store, "sextant_endpoint_kv_cache_usage", "KV-cache usage (0..1) of each endpoint.",
                s -> s.snapshot().metrics().kvCacheUsage());
        perEndpoint(store, "sextant_endpoint_healthy", "1 when the endpoint is eligible for requests.",
                s -> s.health().isEligible() ? 1 : 0);
    }

    private void perEndpoint(EndpointStore store, String name, String help,
            java.util.function.ToDoubleFunction<EndpointState> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("endpoint", "endpoint_name").callback(cb -> {
            for (EndpointState s : store.view().all()) {
                cb.call(value.applyAsDouble(s), s.snapshot().id().toString(), s.snapshot().endpoint().name());
            }
        }).register(registry);
    }

    private static double average(EndpointStore store, java.util.function.ToDoubleFunction<EndpointMetrics> f) {
        var eligible = store.view().eligible();
        if (eligible.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (var s : eligible) {
            sum += f.applyAsDouble(s.metrics());
        }
        return sum / eligible.size();
    }

    /**
     * Registers flow-control gauges: queued requests and bytes per priority, and the pool's saturation
     * as the detector sees it (also without flow control: it drives the shedding of sheddable requests).
     */
    public void watchFlowControl(FlowController controller, SaturationDetector detector, EndpointStore store) {
        if (detector != null) {
            GaugeWithCallback.builder().name("inference_extension_flow_control_pool_saturation")
                    .help("Saturation of the pool (>= 1 means saturated).")
                    .callback(cb -> cb.call(detector.saturation(store.view().eligible()))).register(registry);
        }
        if (controller == null) {
            return;
        }
        GaugeWithCallback.builder().name("inference_extension_flow_control_queue_size")
                .help("Requests waiting in flow control, by priority.").labelNames("priority")
                .callback(cb -> controller.stats().bands().forEach((p, v) -> cb.call(v[0], Integer.toString(p))))
                .register(registry);
        GaugeWithCallback.builder().name("inference_extension_flow_control_queue_bytes")
                .help("Bytes waiting in flow control, by priority.").labelNames("priority")
                .callback(cb -> controller.stats().bands().forEach((p, v) -> cb.call(v[1], Integer.toString(p))))
                .register(registry);
    }

    @Override
    public void dispatched(InferenceRequest request, long waitNanos) {
        String priority = Integer.toString(request.priority());
        flowOutcomes.labelValues("dispatched", priority).inc();
        queueDuration.labelValues("dispatched", priority).observe(waitNanos / 1e9);
    }

    @Override
    public void rejected(InferenceRequest request, FlowOutcome.Reason reason, long waitNanos) {
        String priority = Integer.toString(request.priority());
        flowOutcomes.labelValues(reason.label(), priority).inc();
        queueDuration.labelValues(reason.label(), priority).observe(waitNanos / 1e9);
    }

    /** The registry to expose. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The last sampled score of each endpoint. */
    public Map<EndpointId, LastScore> lastScores() {
        return Map.copyOf(lastScores);
    }

    @Override
    public PluginTimer timer(ExtensionPoint point, Plugin plugin) {
        DistributionDataPoint data = pluginDuration.labelValues(point.label(), plugin.type(), plugin.name());
        return nanos -> data.observe(nanos / 1e9);
    }

    @Override
    public void pluginFailed(ExtensionPoint point, Plugin plugin, RuntimeException error) {
        pluginFailures.labelValues(point.label(), plugin.name()).inc();
    }

    @Override
    public void profileScored(String profile, ScoredCandidates scored) {
        long now = clock.nanos();
        long last = lastScoreSample.get();
        if (last != Long.MIN_VALUE && now - last < SCORE_SAMPLE_NANOS) {
            return;
        }
        if (!lastScoreSample.compareAndSet(last, now)) {
            return;
        }
        long at = clock.epochMillis();
        for (int i = 0; i < scored.size(); i++) {
            lastScores.put(scored.get(i).id(), new LastScore(profile, scored.score(i), at));
        }
        if (lastScores.size() > 10_000) {
            lastScores.clear();
        }
    }

    @Override
    public void cycleCompleted(InferenceRequest request, SchedulingResult result, long nanos) {
        schedulerE2e.observe(nanos / 1e9);
        schedulerAttempts.labelValues(result instanceof SchedulingResult.Scheduled ? "success" : "failure").inc();
    }

    @Override
    public void refused(InferenceRequest request, RoutingDecision.Refused refusal) {
        requests.labelValues(request.incomingModel(), request.targetModel(), Integer.toString(request.priority())).inc();
        requestErrors.labelValues(request.incomingModel(), request.targetModel(), refusal.reason()).inc();
        responses.labelValues(request.targetModel(), Integer.toString(refusal.code().httpStatus()), "refused").inc();
    }

    @Override
    public void routed(InferenceRequest request, RoutingDecision.Routed routed, long decisionNanos) {
        requests.labelValues(request.incomingModel(), request.targetModel(), Integer.toString(request.priority())).inc();
        running.labelValues(request.targetModel()).inc();
    }

    @Override
    public void completed(InferenceRequest request, ResponseSummary summary) {
        running.labelValues(request.targetModel()).dec();
        String outcome = summary.outcome().name().toLowerCase(java.util.Locale.ROOT);
        responses.labelValues(request.targetModel(), Integer.toString(summary.status()), outcome).inc();
        if (summary.outcome() != ResponseSummary.Outcome.SUCCESS) {
            requestErrors.labelValues(request.incomingModel(), request.targetModel(), outcome).inc();
        }
        requestDuration.labelValues(request.incomingModel(), request.targetModel())
                .observe((summary.completedAtNanos() - request.receivedAtNanos()) / 1e9);
        if (summary.usage().totalTokens() > 0) {
            inputTokens.labelValues(request.incomingModel(), request.targetModel()).observe(summary.usage().promptTokens());
            outputTokens.labelValues(request.incomingModel(), request.targetModel())
                    .observe(summary.usage().completionTokens());
            cachedTokens.labelValues(request.incomingModel(), request.targetModel()).observe(summary.usage().cachedTokens());
        }
    }

    @Override
    public void pollCompleted(EndpointId endpoint, String source, long nanos, String error) {
        polls.labelValues(source, error.isEmpty() ? "success" : "failure").inc();
    }

    /** Names of the metrics registered, for tests and docs. */
    List<String> names() {
        return registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()).toList();
    }
}
