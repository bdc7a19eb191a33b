package dev.sextant.core.requestcontrol;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.plugin.GoDuration;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.Admission;
import dev.sextant.api.requestcontrol.AdmissionPlugin;
import dev.sextant.api.requestcontrol.PrepareData;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.RequestControlPlugins;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.datalayer.EndpointView;
import dev.sextant.core.flowcontrol.FlowController;
import dev.sextant.core.flowcontrol.FlowOutcome;
import dev.sextant.core.scheduling.ExtensionPoint;
import dev.sextant.core.scheduling.PluginTimer;
import dev.sextant.core.scheduling.Scheduler;
import dev.sextant.core.scheduling.SchedulingObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The request-control engine between a front and the scheduler: model rewrite, candidates,
 * prepare-data, admission, scheduling, pre-request; and, through the {@link RequestHandle} it
 * returns, the response hooks. Knows nothing of HTTP, gRPC or Envoy. Thread-safe.
 */
public final class Director {
    private static final System.Logger LOG = System.getLogger(Director.class.getName());

    private final Scheduler scheduler;
    private final EndpointStore store;
    private final RequestControlPlugins requestControl;
    private final ModelRewriter rewriter;
    private final Clock clock;
    private final SchedulingObserver pluginObserver;
    private final RequestObserver observer;
    private final Map<Plugin, Map<ExtensionPoint, PluginTimer>> timers = new IdentityHashMap<>();
    private final SaturationDetector detector;
    private final FlowController flowController;
    private final long defaultTtlNanos;
    private final Map<String, Integer> objectives;
    private final DirectorOptions options;
    private final RandomGenerator random;

    /** A Director without flow control (the {@code flowControl} gate off). */
    public Director(CompiledConfig config, Scheduler scheduler, EndpointStore store, Clock clock,
            RandomGenerator random, SchedulingObserver pluginObserver, RequestObserver observer) {
        this(config, scheduler, store, clock, random, pluginObserver, observer, null, DirectorOptions.DEFAULTS);
    }

    /**
     * @param flowController the flow controller when the {@code flowControl} gate is on, else null (then
     *     sheddable requests are refused with 429 while the pool is saturated, and others pass)
     */
    public Director(CompiledConfig config, Scheduler scheduler, EndpointStore store, Clock clock,
            RandomGenerator random, SchedulingObserver pluginObserver, RequestObserver observer,
            FlowController flowController, DirectorOptions options) {
        Objects.requireNonNull(config, "config");
        this.detector = config.detector();
        this.flowController = flowController;
        this.defaultTtlNanos = config.flowControlSettings() == null ? 0
                : config.flowControlSettings().defaultTtl().toNanos();
        this.objectives = Map.copyOf(config.objectivePriorities());
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.store = Objects.requireNonNull(store, "store");
        this.requestControl = config.requestControl();
        this.rewriter = new ModelRewriter(config.modelRewrites(), random);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pluginObserver = Objects.requireNonNull(pluginObserver, "pluginObserver");
        this.observer = Objects.requireNonNull(observer, "observer");
        register(ExtensionPoint.PREPARE_DATA, requestControl.prepareData());
        register(ExtensionPoint.ADMISSION, requestControl.admission());
        register(ExtensionPoint.PRE_REQUEST, requestControl.preRequest());
        register(ExtensionPoint.RESPONSE_RECEIVED, requestControl.responseReceived());
        register(ExtensionPoint.RESPONSE_STREAMING, requestControl.responseStreaming());
        register(ExtensionPoint.RESPONSE_COMPLETE, requestControl.responseComplete());
    }

    private void register(ExtensionPoint point, List<? extends Plugin> plugins) {
        for (Plugin p : plugins) {
            timers.computeIfAbsent(p, k -> new HashMap<>()).put(point, pluginObserver.timer(point, p));
        }
    }

    /** The endpoint store the Director reads candidates from. */
    public EndpointStore store() {
        return store;
    }

    RequestControlPlugins requestControl() {
        return requestControl;
    }

    RequestObserver observer() {
        return observer;
    }

    /** A request completed: capacity may have freed, so queued requests may go. */
    void completed() {
        if (flowController != null) {
            flowController.wake();
        }
    }

    /**
     * Decides where {@code request} goes, waiting in flow control if the pool is saturated. Blocks
     * the calling thread while it waits: fronts use {@link #routeAsync}.
     */
    public RoutingDecision route(InferenceRequest request, Set<EndpointId> subset) {
        return routeAsync(request, subset).decision().join();
    }

    /**
     * Decides where {@code request} goes. With flow control on, the request may wait (without
     * holding a thread) until the pool has room; the returned {@link PendingRoute} completes then.
     *
     * @param request the request as read by the front (target model not yet rewritten)
     * @param subset when not null, the endpoints the proxy allows (Envoy's subset hint): candidates
     *     are narrowed to them, and an empty or ineligible subset refuses the request with 503
     */
    public PendingRoute routeAsync(InferenceRequest request, Set<EndpointId> subset) {
        Objects.requireNonNull(request, "request");
        InferenceRequest routed = resolve(request);
        Object candidates = candidates(routed, subset);
        if (candidates instanceof RoutingDecision.Refused refused) {
            return finished(routed, refused);
        }
        List<EndpointSnapshot> eligible = asSnapshots(candidates);
        CycleState state = new CycleState();
        for (PrepareData p : requestControl.prepareData()) {
            runHook(ExtensionPoint.PREPARE_DATA, p, () -> p.prepare(state, routed, eligible));
        }
        for (AdmissionPlugin p : requestControl.admission()) {
            Admission admission = admit(p, state, routed, eligible);
            if (admission instanceof Admission.Rejected rejected) {
                return finished(routed, new RoutingDecision.Refused(rejected.code(), rejected.reason(), rejected.message()));
            }
        }
        if (flowController == null) {
            if (routed.isSheddable() && detector != null && detector.saturation(eligible) >= 1.0) {
                return finished(routed, new RoutingDecision.Refused(ErrorCode.RESOURCE_EXHAUSTED, "shed_saturated",
                        "the pool is saturated and the request is sheddable (priority " + routed.priority() + ")"));
            }
            return finished(routed, schedule(state, routed, eligible));
        }
        FlowController.Ticket ticket = flowController.submit(routed, routed.bodySizeBytes(), ttlNanos(routed),
                () -> asSnapshots(candidates(routed, subset)));
        CompletableFuture<RoutingDecision> decision = ticket.outcome().thenApply(outcome -> switch (outcome) {
            case FlowOutcome.Rejected r -> new RoutingDecision.Refused(r.reason().code(), r.reason().label(), r.message());
            case FlowOutcome.Dispatched d -> {
                Object now = candidates(routed, subset);
                yield now instanceof RoutingDecision.Refused refused ? refused : schedule(state, routed, asSnapshots(now));
            }
        });
        return new PendingRoute(decision.whenComplete((d, e) -> {
            if (d != null) {
                report(routed, d);
            }
        }), ticket::cancel);
    }

    /** The request with its target model and its objective's priority. */
    private InferenceRequest resolve(InferenceRequest request) {
        String target = rewriter.targetModel(request.incomingModel(), request.header(InferenceHeaders.MODEL_REWRITE));
        int priority = objectives.getOrDefault(request.objective(), 0);
        if (target.equals(request.targetModel()) && priority == request.priority()) {
            return request;
        }
        return request.toBuilder().targetModel(target).priority(priority).build();
    }

    /** How long a request may wait: the configured TTL, or a shorter one the request asks for. */
    private long ttlNanos(InferenceRequest request) {
        String asked = request.header(InferenceHeaders.REQUEST_TTL);
        if (asked == null) {
            return defaultTtlNanos;
        }
        long ttl = GoDuration.parse(asked).map(java.time.Duration::toNanos).orElse(0L);
        if (ttl <= 0) {
            return defaultTtlNanos;
        }
        return defaultTtlNanos > 0 ? Math.min(ttl, defaultTtlNanos) : ttl;
    }

    private PendingRoute finished(InferenceRequest request, RoutingDecision decision) {
        report(request, decision);
        return PendingRoute.done(decision);
    }

    private void report(InferenceRequest request, RoutingDecision decision) {
        switch (decision) {
            case RoutingDecision.Refused refused -> observer.refused(request, refused);
            case RoutingDecision.Routed r -> observer.routed(request, r, clock.nanos() - request.receivedAtNanos());
        }
    }

    /** The eligible candidates for {@code request} (a list), or the refusal when there are none. */
    private Object candidates(InferenceRequest request, Set<EndpointId> subset) {
        EndpointView view = store.view();
        String model = request.targetModel();
        List<EndpointSnapshot> candidates = model.isEmpty() ? view.eligible() : view.candidatesFor(model);
        if (subset != null) {
            if (subset.isEmpty()) {
                return new RoutingDecision.Refused(ErrorCode.SERVICE_UNAVAILABLE, "empty_subset",
                        "the proxy's endpoint subset is empty");
            }
            candidates = candidates.stream().filter(c -> subset.contains(c.id())).toList();
            if (candidates.isEmpty()) {
                return new RoutingDecision.Refused(ErrorCode.SERVICE_UNAVAILABLE, "ineligible_subset",
                        "none of the " + subset.size() + " endpoints in the proxy's subset is an eligible endpoint for model '"
                                + model + "'");
            }
        }
        return candidates.isEmpty() ? noCandidates(view, model) : candidates;
    }

    @SuppressWarnings("unchecked")
    private static List<EndpointSnapshot> asSnapshots(Object candidates) {
        return candidates instanceof List<?> list ? (List<EndpointSnapshot>) list : List.of();
    }

    private RoutingDecision schedule(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates) {
        SchedulingResult result = scheduler.schedule(state, request, candidates);
        return switch (result) {
            case SchedulingResult.Unschedulable u when options.failOpen()
                    && u.reason() == SchedulingResult.Reason.INTERNAL_ERROR -> failOpen(state, request, candidates, u);
            case SchedulingResult.Unschedulable u -> new RoutingDecision.Refused(u.errorCode(),
                    u.reason().name().toLowerCase(Locale.ROOT), u.message());
            case SchedulingResult.Scheduled s -> routed(state, request, s);
        };
    }

    /** Fail open: an internal scheduling error sends the request to a random eligible endpoint. */
    private RoutingDecision failOpen(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates,
            SchedulingResult.Unschedulable failure) {
        LOG.log(System.Logger.Level.WARNING, "scheduling failed, failing open to a random endpoint: request={0} error={1}",
                request.requestId(), failure.message());
        EndpointSnapshot any = candidates.get(random.nextInt(candidates.size()));
        var result = new SchedulingResult.Scheduled("fail-open",
                ProfileResults.EMPTY.with(new ProfileResult.Picked("fail-open", List.of(any))));
        return routed(state, request, result);
    }

    private RoutingDecision noCandidates(EndpointView view, String model) {
        if (view.all().isEmpty()) {
            return new RoutingDecision.Refused(ErrorCode.SERVICE_UNAVAILABLE, "no_endpoints",
                    "no model-server endpoints are known");
        }
        if (!model.isEmpty() && !view.isModelKnown(model)) {
            return new RoutingDecision.Refused(ErrorCode.NOT_FOUND, "model_not_found",
                    "no endpoint serves model '" + model + "'");
        }
        return new RoutingDecision.Refused(ErrorCode.SERVICE_UNAVAILABLE, "no_candidates",
                "no healthy endpoint for model '" + model + "' (" + view.all().size() + " known, none eligible)");
    }

    private Admission admit(AdmissionPlugin p, CycleState state, InferenceRequest request,
            List<EndpointSnapshot> candidates) {
        long start = clock.nanos();
        try {
            Admission a = p.admit(state, request, candidates);
            return a == null ? Admission.ADMITTED : a;
        } catch (RuntimeException e) {
            pluginObserver.pluginFailed(ExtensionPoint.ADMISSION, p, e);
            LOG.log(System.Logger.Level.WARNING, "admission plugin failed, request admitted: plugin={0} error={1}",
                    p.name(), e.toString());
            return Admission.ADMITTED;
        } finally {
            timer(ExtensionPoint.ADMISSION, p).record(clock.nanos() - start);
        }
    }

    private RoutingDecision routed(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result) {
        HeaderChanges mutations = new HeaderChanges();
        for (PreRequest p : requestControl.preRequest()) {
            runHook(ExtensionPoint.PRE_REQUEST, p, () -> p.preRequest(state, request, result, mutations));
        }
        List<EndpointId> targets = new ArrayList<>(result.targets().size());
        for (EndpointSnapshot s : result.targets()) {
            targets.add(s.id());
        }
        return new RoutingDecision.Routed(new RequestHandle(request, state, result, this), targets,
                request.targetModel(), mutations.set(), mutations.removed());
    }

    /** Runs a hook timed and contained: a plugin that throws is counted and logged, never fatal. */
    void runHook(ExtensionPoint point, Plugin plugin, Runnable hook) {
        long start = clock.nanos();
        try {
            hook.run();
        } catch (RuntimeException e) {
            pluginObserver.pluginFailed(point, plugin, e);
            LOG.log(System.Logger.Level.WARNING, "plugin failed: point={0} plugin={1} error={2}", point.label(),
                    plugin.name(), e.toString());
        } finally {
            timer(point, plugin).record(clock.nanos() - start);
        }
    }

    private PluginTimer timer(ExtensionPoint point, Plugin plugin) {
        Map<ExtensionPoint, PluginTimer> byPoint = timers.get(plugin);
        PluginTimer t = byPoint == null ? null : byPoint.get(point);
        return t == null ? PluginTimer.NOOP : t;
    }
}
