package dev.sextant.bench.cluster;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.time.Clock;
import dev.sextant.api.time.ManualClock;
import dev.sextant.bench.metrics.IdealPrefixCache;
import dev.sextant.bench.metrics.RunRecorder;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.workload.PlannedRequest;
import dev.sextant.bench.workload.PromptPart;
import dev.sextant.bench.workload.PromptVocabulary;
import dev.sextant.bench.workload.RequestPlan;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.DataLayer;
import dev.sextant.core.datalayer.DataLayerObserver;
import dev.sextant.core.datalayer.DataLayerOptions;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.datalayer.SourceBinding;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.core.flowcontrol.FlowControlObserver;
import dev.sextant.core.flowcontrol.FlowController;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.core.requestcontrol.DirectorOptions;
import dev.sextant.core.requestcontrol.RequestHandle;
import dev.sextant.core.requestcontrol.RequestObserver;
import dev.sextant.core.requestcontrol.RoutingDecision;
import dev.sextant.core.scheduling.Scheduler;
import dev.sextant.core.scheduling.SchedulingObserver;
import dev.sextant.simulator.engine.Completion;
import dev.sextant.simulator.engine.EngineConfig;
import dev.sextant.simulator.engine.EngineListener;
import dev.sextant.simulator.engine.EngineRequest;
import dev.sextant.simulator.engine.FinishReason;
import dev.sextant.simulator.engine.KvEventSink;
import dev.sextant.simulator.engine.OutputTokens;
import dev.sextant.simulator.engine.ReplicaEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One configuration run against one workload in virtual time. Between a request's arrival and its last
 * token everything is the production code: the configuration loaded by {@link ConfigLoader} with its plugins,
 * the {@link Director} and {@link Scheduler}, the {@link EndpointStore} filled by the real {@link DataLayer},
 * whose collectors poll the engines on the configured interval through a virtual-time timer and a direct
 * executor. Only the clock, the model servers (simulated engines) and the network (none) are replaced.
 *
 * <p>The loop always does the earliest thing next: an engine step ending, a KV-event batch arriving, a timer
 * (a scrape, a sample) firing, or a request arriving; at equal times in that order, which keeps runs
 * deterministic for a seed.
 */
final class ClusterRun {
    /** Rough size of one streamed completion event, reported to response-streaming plugins. */
    private static final int CHUNK_BYTES = 160;
    private static final int PROGRESS_EVERY = 1 << 13;
    /** Where the P/D profile handler names the prefill endpoint; the simulated sidecar reads it. */
    private static final String PREFILLER_HEADER = "x-prefiller-host-port";
    /** How often flow control re-checks saturation while requests wait, as the gateway does. */
    private static final long FLOW_CONTROL_RECHECK_NANOS = 5_000_000L;

    private final PolicyConfig policy;
    private final RequestPlan plan;
    private final PromptVocabulary vocabulary;
    private final ClusterOptions options;
    private final KvEventConsumers kvConsumers;
    private final RunProgress progress;
    private final long seed;
    private final Clock wallClock;

    private final ManualClock clock = new ManualClock();
    private final VirtualTimers timers = new VirtualTimers(clock);
    private final IdentityHashMap<EngineRequest, InFlight> inFlight = new IdentityHashMap<>();
    /** Prefill legs running on prefill replicas, with what their decode legs need. */
    private final IdentityHashMap<EngineRequest, PendingDecode> prefillLegs = new IdentityHashMap<>();
    private final PriorityQueue<PlannedRequest> followUps = new PriorityQueue<>(
            (a, b) -> a.arrivalNanos() != b.arrivalNanos() ? Long.compare(a.arrivalNanos(), b.arrivalNanos())
                    : Long.compare(a.sequence(), b.sequence()));
    private SimulatedReplica[] replicas;
    private Map<EndpointId, SimulatedReplica> byId;
    private EngineQueue engines;
    private KvEventDelivery kvDelivery;
    private Director director;
    private RunRecorder recorder;
    private final Map<String, RunRecorder> objectiveRecorders = new LinkedHashMap<>();
    private FlowController flowControl;
    private IdealPrefixCache ideal;
    private OutputTokens outputTokens;
    private long events;

    ClusterRun(PolicyConfig policy, RequestPlan plan, PromptVocabulary vocabulary, ClusterOptions options,
            KvEventConsumers kvConsumers, RunProgress progress, long seed, Clock wallClock) {
        this.policy = policy;
        this.plan = plan;
        this.vocabulary = vocabulary;
        this.options = options;
        this.kvConsumers = kvConsumers;
        this.progress = progress;
        this.seed = seed;
        this.wallClock = wallClock;
    }

    /**
     * Runs the configuration over the plan.
     *
     * @return the whole run's result, then one per objective of the mix (named {@code config [objective]})
     */
    List<RunResult> run() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = wallClock.nanos();
        CompiledConfig config = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(clock, new SplittableRandom(seed))).load(policy.yaml(), policy.origin());
        recorder = new RunRecorder(plan.stages(), options.replicas(), options.slo());
        for (String objective : options.objectives().names()) {
            objectiveRecorders.put(objective, new RunRecorder(plan.stages(), options.replicas(), options.slo()));
        }
        ideal = new IdealPrefixCache(options.profile().blockSize());
        buildCluster(config);
        EndpointStore store = new EndpointStore();
        try (DataLayer dataLayer = new DataLayer(store, List.of(metricsBinding()), dataLayerOptions(), clock, timers,
                Runnable::run, DataLayerObserver.NOOP)) {
            Scheduler scheduler = Scheduler.create(config, clock, SchedulingObserver.NOOP);
            flowControl = config.flowControlSettings() == null ? null
                    : FlowController.manual(config.flowControlSettings(), config.detector(), clock,
                            FlowControlObserver.NOOP, FLOW_CONTROL_RECHECK_NANOS);
            director = new Director(config, scheduler, store, clock, new SplittableRandom(seed ^ 0x5EED),
                    SchedulingObserver.NOOP, RequestObserver.NOOP, flowControl, DirectorOptions.DEFAULTS);
            List<Endpoint> endpoints = new ArrayList<>(replicas.length);
            for (SimulatedReplica r : replicas) {
                endpoints.add(r.endpoint());
            }
            dataLayer.onEndpoints(endpoints);
            timers.schedule(0, this::sampleQueues);
            loop();
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put("wall_s", (wallClock.nanos() - wallStart) / 1e9);
        cost.put("cpu_s", cpu / 1e9);
        cost.put("events", (double) events);
        cost.put("virtual_s", clock.nanos() / 1e9);
        if (kvDelivery != null) {
            cost.put("kv_event_batches", (double) kvDelivery.delivered());
        }
        List<RunResult> results = new ArrayList<>();
        results.add(recorder.result(policy.name(), plan.arrivalsEndNanos(), cost));
        objectiveRecorders.forEach((objective, r) -> results.add(
                r.result(policy.name() + " [" + objective + "]", plan.arrivalsEndNanos(), Map.of())));
        return results;
    }

    /** Records into the run's recorder and, if {@code p} names an objective of the mix, into that one's. */
    private void record(PlannedRequest p, Consumer<RunRecorder> event) {
        event.accept(recorder);
        String objective = options.objectives().objectiveOf(p.sequence(), seed);
        if (objective != null) {
            event.accept(objectiveRecorders.get(objective));
        }
    }

    private void buildCluster(CompiledConfig config) {
        Optional<KvEventConsumer> consumer = kvConsumers.forConfig(config, clock);
        int n = options.replicas();
        kvDelivery = consumer.map(c -> new KvEventDelivery(n, options.kvEventDelay().toNanos(), c)).orElse(null);
        outputTokens = new OutputTokens.Generated(vocabulary.tokenIds());
        replicas = new SimulatedReplica[n];
        byId = new HashMap<>(n * 2);
        engines = new EngineQueue(n);
        for (int i = 0; i < n; i++) {
            EndpointId id = SimulatedReplica.address(i);
            EngineConfig engineConfig = EngineConfig.of(options.profile()).withHashSeed(seed + i)
                    .withOutputTokens(outputTokens);
            final int index = i;
            KvEventSink sink = kvDelivery == null ? KvEventSink.NONE
                    : (nanos, batch) -> kvDelivery.publish(index, id, nanos, batch);
            ReplicaEngine engine = new ReplicaEngine(engineConfig, new ReplicaListener(i), sink);
            replicas[i] = new SimulatedReplica(i, new Endpoint(id, "sim-" + i, options.roleLabels(i), java.util.Set.of()),
                    engine);
            byId.put(id, replicas[i]);
        }
    }

    private SourceBinding metricsBinding() {
        Map<EndpointId, ReplicaEngine> engineById = new HashMap<>();
        for (SimulatedReplica r : replicas) {
            engineById.put(r.id(), r.engine());
        }
        return new SourceBinding(new EngineMetricsSource(engineById), List.of(new EngineMetricsExtractor()));
    }

    private DataLayerOptions dataLayerOptions() {
        DataLayerOptions d = DataLayerOptions.DEFAULTS;
        return new DataLayerOptions(options.scrapeInterval(), d.timeout(), d.failureThreshold(), d.maxBackoff(),
                d.stalenessThreshold());
    }

    private void loop() {
        PlannedRequest nextArrival = plan.next();
        long deadline = plan.stages().getLast().endNanos() + options.maxDrain().toNanos();
        long planned = plan.stages().getLast().endNanos();
        while (true) {
            PlannedRequest arrival = earliest(nextArrival, followUps.peek());
            if (arrival == null && inFlight.isEmpty() && prefillLegs.isEmpty()
                    && (flowControl == null || flowControl.stats().requests() == 0)) {
                break;
            }
            long tEngine = engines.firstDue();
            long tKv = kvDelivery == null ? Long.MAX_VALUE : kvDelivery.nextDue();
            long tTimer = timers.nextDue();
            long tFlow = flowControl == null ? Long.MAX_VALUE : flowControl.nextDueNanos();
            long tArrival = arrival == null ? Long.MAX_VALUE : arrival.arrivalNanos();
            long t = Math.min(Math.min(Math.min(tEngine, tKv), Math.min(tTimer, tArrival)), tFlow);
            if (t > deadline) {
                cutOff();
                break;
            }
            clock.setNanos(t);
            if (tEngine == t) {
                int r = engines.first();
                ReplicaEngine engine = replicas[r].engine();
                engine.advanceTo(t);
                engines.update(r, engine.nextEventTime());
            } else if (tKv == t) {
                kvDelivery.deliverNext();
            } else if (tTimer == t) {
                timers.runNext();
            } else if (tFlow == t && tArrival != t) {
                // only the flow-control re-check is due; the pump below does it
            } else if (arrival == nextArrival) {
                arrive(nextArrival);
                nextArrival = plan.next();
            } else {
                arrive(followUps.poll());
            }
            if (flowControl != null) {
                flowControl.pump(); // capacity may have freed, or a request arrived: let queued ones go
            }
            if (++events % PROGRESS_EVERY == 0) {
                progress.advanced(t, recorder.arrivals(), recorder.ended());
            }
        }
        progress.advanced(Math.max(clock.nanos(), planned), recorder.arrivals(), recorder.ended());
    }

    private static PlannedRequest earliest(PlannedRequest a, PlannedRequest b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.arrivalNanos() < a.arrivalNanos() ? b : a;
    }

    private void arrive(PlannedRequest p) {
        long now = clock.nanos();
        record(p, r -> r.arrived(p.stage()));
        int[] tokens = p.prompt().tokens();
        int idealTokens = ideal.lookupAndRemember(tokens);
        String text = p.prompt().text();
        String objective = options.objectives().objectiveOf(p.sequence(), seed);
        InferenceRequest.Builder builder = InferenceRequest.builder(p.requestId())
                .apiKind(ApiKind.COMPLETIONS)
                .model(options.model())
                .prompt(PromptView.ofText(text))
                .headers(Map.of("x-request-id", p.requestId()))
                .streaming(true)
                .bodySizeBytes(text.length() + 96L)
                .receivedAtNanos(now);
        InferenceRequest request = (objective == null ? builder : builder.objective(objective)).build();
        if (flowControl == null) {
            decided(p, tokens, idealTokens, director.route(request, null));
        } else {
            // Completes inside a later pump, when flow control lets the request go or turns it away.
            director.routeAsync(request, null).decision()
                    .thenAccept(decision -> decided(p, tokens, idealTokens, decision));
        }
    }

    private void decided(PlannedRequest p, int[] tokens, int idealTokens, RoutingDecision decision) {
        long now = clock.nanos();
        switch (decision) {
            case RoutingDecision.Refused refused -> record(p, r -> r.failed(p.stage(), refused.reason(), now));
            case RoutingDecision.Routed routed -> submit(p, tokens, idealTokens, routed, now);
        }
    }

    private void submit(PlannedRequest p, int[] tokens, int idealTokens, RoutingDecision.Routed routed, long now) {
        String prefillTarget = routed.setHeaders().get(PREFILLER_HEADER);
        SimulatedReplica prefill = prefillTarget == null ? null : byId.get(EndpointId.parse(prefillTarget));
        SimulatedReplica decode = byId.get(routed.primary());
        if (prefill != null && decode != null && prefill != decode) {
            startPrefillLeg(new PendingDecode(p, tokens, idealTokens, routed.handle(), decode, prefill), now);
            return;
        }
        submitDecode(p, tokens, idealTokens, routed.handle(), routed.primary(), false, now);
    }

    /**
     * The prefill leg of a disaggregated request, as the sidecar sends it: the prompt, one output token, the
     * KV kept for a remote decode.
     */
    private void startPrefillLeg(PendingDecode pending, long now) {
        EngineRequest leg = new EngineRequest(pending.planned().requestId() + "-prefill", pending.tokens(), 1,
                FinishReason.LENGTH, null, null, pending.planned().outputSeed(), false, true);
        ReplicaEngine engine = pending.prefill().engine();
        if (engine.rejectionReason(leg) != null) {
            finishPrefillLeg(pending, false, now);
            return;
        }
        prefillLegs.put(leg, pending);
        engine.submit(leg, now);
        engines.update(pending.prefill().index(), engine.nextEventTime());
    }

    /** The decode leg after the prefill leg: with the KV pulled from the prefill replica, or computed locally. */
    private void finishPrefillLeg(PendingDecode pending, boolean prefilled, long now) {
        submitDecode(pending.planned(), pending.tokens(), pending.idealCachedTokens(), pending.handle(),
                pending.decode().id(), prefilled, now);
    }

    private void submitDecode(PlannedRequest p, int[] tokens, int idealTokens, RequestHandle handle, EndpointId target,
            boolean remotePrefill, long now) {
        SimulatedReplica replica = byId.get(target);
        EngineRequest request = new EngineRequest(p.requestId(), tokens, p.outputTokens(), FinishReason.LENGTH, null,
                null, p.outputSeed(), remotePrefill, false);
        if (replica == null || replica.engine().rejectionReason(request) != null) {
            EndpointId where = replica == null ? target : replica.id();
            handle.complete(new ResponseSummary(where, ResponseSummary.Outcome.SERVER_ERROR, 400, Usage.NONE,
                    0, now));
            record(p, r -> r.failed(p.stage(), replica == null ? "unknown_endpoint" : "rejected_by_replica", now));
            return;
        }
        record(p, r -> r.routed(p.stage(), replica.index()));
        inFlight.put(request, new InFlight(p, request, handle, replica, idealTokens));
        ReplicaEngine engine = replica.engine();
        engine.submit(request, now);
        engines.update(replica.index(), engine.nextEventTime());
    }

    private void sampleQueues() {
        int total = 0;
        int max = 0;
        for (SimulatedReplica r : replicas) {
            int w = r.engine().waitingCount();
            total += w;
            max = Math.max(max, w);
        }
        recorder.queueSample(clock.nanos(), total, max);
        timers.schedule(options.scrapeInterval().toNanos(), this::sampleQueues);
    }

    private void cutOff() {
        if (flowControl != null) {
            flowControl.close(); // what still waits is turned away (evicted_shutdown)
        }
        long now = clock.nanos();
        for (InFlight f : inFlight.values()) {
            record(f.planned, r -> r.unfinished(f.planned.stage()));
            f.handle.complete(new ResponseSummary(f.replica.id(), ResponseSummary.Outcome.CANCELLED, 0, Usage.NONE,
                    Math.max(0, f.firstTokenNanos), now));
        }
        inFlight.clear();
        for (PendingDecode pending : prefillLegs.values()) {
            record(pending.planned(), r -> r.unfinished(pending.planned().stage()));
            pending.handle().complete(new ResponseSummary(pending.decode().id(), ResponseSummary.Outcome.CANCELLED, 0,
                    Usage.NONE, 0, now));
        }
        prefillLegs.clear();
    }

    /** Turns one engine's events into the request's response hooks and measurements. */
    private final class ReplicaListener implements EngineListener {
        private final int replica;

        ReplicaListener(int replica) {
            this.replica = replica;
        }

        @Override
        public void firstToken(EngineRequest request, long nanos, int cachedTokens) {
            InFlight f = inFlight.get(request);
            if (f == null) {
                return;
            }
            f.firstTokenNanos = nanos;
            f.lastTokenNanos = nanos;
            f.response = new ResponseInfo(replicas[replica].id(), 200, true, Map.of(), nanos);
            f.handle.responseReceived(f.response);
            f.handle.responseChunk(f.response, CHUNK_BYTES, nanos);
        }

        @Override
        public void token(EngineRequest request, long nanos, int outputTokens) {
            InFlight f = inFlight.get(request);
            if (f == null) {
                return;
            }
            long gap = nanos - f.lastTokenNanos;
            f.lastTokenNanos = nanos;
            f.itlSumNanos += gap;
            record(f.planned, r -> r.interTokenGap(f.planned.stage(), gap));
            f.handle.responseChunk(f.response, CHUNK_BYTES, nanos);
        }

        @Override
        public void finished(Completion c) {
            PendingDecode pending = prefillLegs.remove(c.request());
            if (pending != null) {
                finishPrefillLeg(pending, c.finishReason() != FinishReason.ABORT, clock.nanos());
                return;
            }
            InFlight f = inFlight.remove(c.request());
            if (f == null) {
                return;
            }
            PlannedRequest p = f.planned;
            if (c.finishReason() == FinishReason.ABORT) {
                f.handle.complete(new ResponseSummary(f.replica.id(), ResponseSummary.Outcome.CANCELLED, 0, Usage.NONE,
                        Math.max(0, c.firstTokenNanos()), c.finishNanos()));
                record(p, r -> r.failed(p.stage(), "aborted", c.finishNanos()));
                return;
            }
            f.handle.complete(new ResponseSummary(f.replica.id(), ResponseSummary.Outcome.SUCCESS, 200,
                    new Usage(c.promptTokens(), c.outputTokens(), c.cachedTokens()), c.firstTokenNanos(),
                    c.finishNanos()));
            record(p, r -> r.completed(p.stage(), p.arrivalNanos(), c.firstTokenNanos(), c.finishNanos(),
                    c.promptTokens(), c.cachedTokens(), c.outputTokens(), f.itlSumNanos, c.outputTokens() - 1,
                    f.idealCachedTokens));
            if (plan.hasFollowUps()) {
                followUp(f, c);
            }
        }

        private void followUp(InFlight f, Completion c) {
            int[] answer = new int[c.outputTokens()];
            for (int i = 0; i < answer.length; i++) {
                answer[i] = outputTokens.tokenAt(f.engineRequest, i);
            }
            int[] prompt = f.engineRequest.promptTokens();
            int[] whole = java.util.Arrays.copyOf(prompt, prompt.length + answer.length);
            System.arraycopy(answer, 0, whole, prompt.length, answer.length);
            ideal.remember(whole);
            PlannedRequest next = plan.followUp(f.planned, PromptPart.ofTokens(answer, vocabulary), c.finishNanos());
            if (next != null) {
                followUps.add(next);
            }
        }
    }
}
