package dev.sextant.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated vLLM replica as pure, step-driven logic: a waiting queue, a running batch, a KV
 * block pool with prefix caching and LoRA adapter slots, timed by an {@link EngineProfile}.
 *
 * <p>The engine keeps no clock. Time is what the caller says it is: {@link #submit} and
 * {@link #advanceTo} take engine nanoseconds, which must never go backwards. A virtual-time driver
 * loops on {@link #nextEventTime()}; a wall-clock driver schedules a timer for it. Events reach the
 * {@link EngineListener} and {@link KvEventSink} given at construction, during those calls.
 *
 * <p>A step is composed when it starts, as vLLM's V1 scheduler does: running requests first (one
 * decode token each, or their next prefill chunk), preempting the most recently admitted requests
 * when blocks run out; then, if nothing was preempted, waiting requests in arrival order while
 * there is room in the batch, the token budget and the KV cache. A request whose adapter cannot get
 * a slot is skipped (it keeps its place). The step's cost is known from what it holds; its results
 * (new tokens, finished requests, newly cached blocks) are applied when it ends.
 *
 * <p>Not thread-safe: one thread drives one engine. Costs no allocation per token.
 */
public final class ReplicaEngine {
    private static final long IDLE = Long.MAX_VALUE;

    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] ITL_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    private static final double[] REQUEST_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0,
        30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    private static final int[] NO_BLOCK_IDS = new int[0];

    private final EngineConfig config;
    private final EngineProfile profile;
    private final int blockSize;
    private final EngineListener listener;
    private final KvEventSink kvSink;
    private final boolean emitEvents;
    private final KvBlockPool pool;
    private final LoraSlots lora;
    private final BlockHasher hasher;

    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final ArrayList<Sequence> running = new ArrayList<>();
    private final ArrayDeque<Sequence> skipped = new ArrayDeque<>();
    private Sequence[] stepSequences = new Sequence[16];
    private int stepCount;
    private final int[] scratch;
    private List<KvEvent> pendingEvents = new ArrayList<>();
    private long[] pendingRemoved = new long[16];
    private int pendingRemovedCount;

    private long now;
    /** End of the step in flight, or {@link #IDLE}. */
    private long stepEnd = IDLE;
    /** When an idle engine with work starts its next step, or {@link #IDLE}. */
    private long pendingStart = IDLE;

    private long promptTokensTotal;
    private long generationTokensTotal;
    private long prefixQueries;
    private long prefixHits;
    private long preemptionsTotal;
    private long stepsTotal;
    private final long[] finishedByReason = new long[FinishReason.values().length];
    private final LatencyHistogram ttft = new LatencyHistogram(TTFT_BUCKETS);
    private final LatencyHistogram itl = new LatencyHistogram(ITL_BUCKETS);
    private final LatencyHistogram e2e = new LatencyHistogram(REQUEST_BUCKETS);
    private final LatencyHistogram queueTime = new LatencyHistogram(REQUEST_BUCKETS);
    private final LatencyHistogram prefillTime = new LatencyHistogram(REQUEST_BUCKETS);
    private final LatencyHistogram decodeTime = new LatencyHistogram(REQUEST_BUCKETS);
    private final LatencyHistogram inferenceTime = new LatencyHistogram(REQUEST_BUCKETS);
    private final LatencyHistogram promptPerRequest;
    private final LatencyHistogram generationPerRequest;

    /**
     * An idle, empty engine at time 0.
     *
     * @param config the profile, adapter slots, hash seed and output tokens
     * @param listener told about tokens and completions; {@link EngineListener#NONE} for nothing
     * @param kvSink told about prefix-cache changes; {@link KvEventSink#NONE} builds no events
     */
    public ReplicaEngine(EngineConfig config, EngineListener listener, KvEventSink kvSink) {
        this.config = requireNonNull(config, "config");
        this.listener = requireNonNull(listener, "listener");
        this.kvSink = requireNonNull(kvSink, "kvSink");
        this.emitEvents = kvSink != KvEventSink.NONE;
        this.profile = config.profile();
        this.blockSize = profile.blockSize();
        this.pool = new KvBlockPool(profile.numGpuBlocks());
        this.lora = new LoraSlots(config.maxLoras());
        this.hasher = new BlockHasher(config.hashSeed());
        this.scratch = new int[blockSize];
        double[] tokenBuckets = LatencyHistogram.oneTwoFive(profile.maxModelLen());
        this.promptPerRequest = new LatencyHistogram(tokenBuckets);
        this.generationPerRequest = new LatencyHistogram(tokenBuckets);
    }

    /** The configuration. */
    public EngineConfig config() {
        return config;
    }

    /** The latest time the engine was advanced to. */
    public long now() {
        return now;
    }

    /**
     * Why this request could never be served here, or null when it can: it is longer than
     * {@code max_model_len}, needs more KV blocks than the replica has, or names an adapter while
     * the replica has no adapter slots.
     */
    public String rejectionReason(EngineRequest request) {
        requireNonNull(request, "request");
        int total = request.totalTokens();
        if (total > profile.maxModelLen()) {
            return "request needs " + total + " tokens (expected: <= max_model_len " + profile.maxModelLen() + ")";
        }
        long blocks = ((long) total + blockSize - 1) / blockSize;
        if (blocks > profile.numGpuBlocks()) {
            return "request needs " + blocks + " KV blocks (expected: <= " + profile.numGpuBlocks() + ")";
        }
        if (request.lora() != null && config.maxLoras() == 0) {
            return "request names adapter '" + request.lora() + "' (expected: none, max_loras is 0)";
        }
        return null;
    }

    /**
     * Adds a request at {@code nanos}, after advancing to that time.
     *
     * @throws IllegalArgumentException if {@link #rejectionReason} has a reason, or time went backwards
     */
    public void submit(EngineRequest request, long nanos) {
        requireNonNull(request, "request");
        String reason = rejectionReason(request);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        advance(nanos, false);
        waiting.addLast(new Sequence(request, nanos, blockSize));
        if (stepEnd == IDLE && pendingStart == IDLE) {
            pendingStart = nanos;
        }
    }

    /**
     * Cancels a request that has not finished (the client went away): its blocks are freed and the
     * listener is told it finished with {@link FinishReason#ABORT}. Returns false when no such
     * request is waiting or running.
     */
    public boolean cancel(EngineRequest request) {
        requireNonNull(request, "request");
        for (Iterator<Sequence> it = waiting.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.request == request) {
                it.remove();
                finish(s, FinishReason.ABORT, now);
                return true;
            }
        }
        for (int i = 0; i < running.size(); i++) {
            Sequence s = running.get(i);
            if (s.request == request) {
                running.remove(i);
                s.cancelled = true;
                freeBlocks(s);
                releaseLora(s);
                finish(s, FinishReason.ABORT, now);
                return true;
            }
        }
        return false;
    }

    /** When the next step starts or ends; {@link Long#MAX_VALUE} when the engine is idle with no work. */
    public long nextEventTime() {
        return stepEnd != IDLE ? stepEnd : pendingStart;
    }

    /** Whether requests are waiting or running. */
    public boolean hasWork() {
        return !waiting.isEmpty() || !running.isEmpty();
    }

    /**
     * Runs every step that starts or ends at or before {@code nanos}, telling the listener and the
     * KV sink what happened, in time order.
     */
    public void advanceTo(long nanos) {
        advance(nanos, true);
    }

    /**
     * Runs the steps up to {@code nanos}. A step due to start exactly at {@code nanos} starts only
     * when {@code startAtLimit}: a submission at that instant must join it, as requests that arrive
     * together are batched together.
     */
    private void advance(long nanos, boolean startAtLimit) {
        if (nanos < now) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= " + now + ")");
        }
        while (true) {
            if (stepEnd != IDLE && stepEnd <= nanos) {
                long end = stepEnd;
                stepEnd = IDLE;
                now = end;
                completeStep(end);
                if (hasWork()) {
                    pendingStart = end;
                }
            } else if (stepEnd == IDLE && pendingStart != IDLE
                    && (pendingStart < nanos || (startAtLimit && pendingStart == nanos))) {
                long start = pendingStart;
                pendingStart = IDLE;
                now = start;
                startStep(start);
            } else {
                break;
            }
        }
        now = nanos;
    }

    /** Runs until no work is left; returns the time the last step ended. For virtual-time drivers and tests. */
    public long runUntilIdle() {
        while (nextEventTime() != IDLE) {
            advanceTo(nextEventTime());
        }
        return now;
    }

    // ---------------------------------------------------------------- step composition

    private void startStep(long start) {
        stepCount = 0;
        int budget = profile.maxNumBatchedTokens();
        long prefillTokens = 0;
        long decodeTokens = 0;
        long transferTokens = 0;
        int loraLoads = 0;
        boolean preempted = false;

        for (int i = 0; i < running.size() && budget > 0; i++) {
            Sequence s = running.get(i);
            int n = Math.min(s.numTokens - s.numComputed, budget);
            boolean self = false;
            while (!ensureBlocks(s, s.numComputed + n)) {
                Sequence victim = running.removeLast();
                preempt(victim);
                preempted = true;
                if (victim == s) {
                    self = true;
                    break;
                }
            }
            if (self) {
                break;
            }
            if (s.isDecoding()) {
                decodeTokens += n;
            } else {
                prefillTokens += n;
            }
            addToStep(s, n);
            budget -= n;
        }

        if (!preempted) {
            while (!waiting.isEmpty() && running.size() < profile.maxNumSeqs() && budget > 0) {
                Sequence s = waiting.peekFirst();
                String adapter = s.request.lora();
                boolean needsLoad = adapter != null && !lora.isResident(adapter);
                if (needsLoad && !lora.canLoad(adapter)) {
                    skipped.addLast(waiting.pollFirst());
                    continue;
                }
                int hit = acquireCachedPrefix(s);
                boolean transfer = s.request.remotePrefill() && s.outputs == 0 && s.preemptions == 0;
                int remaining = s.numTokens - s.numComputed;
                int n = transfer ? remaining : Math.min(remaining, budget);
                if (!ensureBlocks(s, s.numComputed + n)) {
                    freeBlocks(s);
                    s.clearBlocks();
                    break;
                }
                waiting.pollFirst();
                if (needsLoad) {
                    lora.load(adapter);
                    loraLoads++;
                }
                if (adapter != null) {
                    lora.use(adapter);
                    s.loraInUse = true;
                }
                running.add(s);
                if (s.firstScheduledNanos < 0) {
                    s.firstScheduledNanos = start;
                    s.cachedTokens = hit;
                    prefixQueries += s.promptLength;
                    prefixHits += hit;
                    queueTime.observe(seconds(start - s.arrivalNanos));
                }
                if (transfer) {
                    transferTokens += n;
                    budget -= 1;
                } else {
                    prefillTokens += n;
                    budget -= n;
                }
                addToStep(s, n);
            }
            while (!skipped.isEmpty()) {
                waiting.addFirst(skipped.pollLast());
            }
        }

        if (stepCount == 0) {
            // Only a request that can never fit could leave work unscheduled on an idle replica, and
            // submit refuses those; stay idle rather than spin.
            return;
        }
        promptTokensTotal += prefillTokens + transferTokens;
        double cost = profile.beta0Nanos()
                + profile.beta1NanosPerToken() * prefillTokens
                + profile.beta2NanosPerToken() * decodeTokens
                + profile.kvTransferNanosPerToken() * transferTokens
                + (double) profile.loraLoadNanos() * loraLoads;
        stepEnd = start + Math.max(1L, Math.round(cost));
        stepsTotal++;
    }

    private void addToStep(Sequence s, int n) {
        if (stepCount == stepSequences.length) {
            stepSequences = Arrays.copyOf(stepSequences, stepCount * 2);
        }
        s.scheduled = n;
        stepSequences[stepCount++] = s;
    }

    /** Takes the longest run of cached leading blocks (never the block of the last prompt token). */
    private int acquireCachedPrefix(Sequence s) {
        int maxBlocks = (s.numTokens - 1) / blockSize;
        int hits = 0;
        while (hits < maxBlocks) {
            ensureHashes(s, hits + 1);
            int block = pool.lookup(s.hashes[hits]);
            if (block < 0) {
                break;
            }
            pool.acquire(block);
            s.addBlock(block);
            hits++;
        }
        s.handledBlocks = hits;
        s.numComputed = hits * blockSize;
        return s.numComputed;
    }

    /** Allocates blocks until {@code tokens} fit; on failure keeps what it got (the caller frees). */
    private boolean ensureBlocks(Sequence s, int tokens) {
        int needed = (tokens + blockSize - 1) / blockSize;
        while (s.blockCount < needed) {
            int block = pool.allocate(this::evicted);
            if (block < 0) {
                return false;
            }
            s.addBlock(block);
        }
        return true;
    }

    private void evicted(long hash) {
        if (!emitEvents) {
            return;
        }
        if (pendingRemovedCount == pendingRemoved.length) {
            pendingRemoved = Arrays.copyOf(pendingRemoved, pendingRemovedCount * 2);
        }
        pendingRemoved[pendingRemovedCount++] = hash;
    }

    private void preempt(Sequence s) {
        freeBlocks(s);
        s.clearBlocks();
        releaseLora(s);
        s.preemptions++;
        preemptionsTotal++;
        waiting.addFirst(s);
    }

    /** Frees in reverse order, so a request's last blocks are evicted before its first ones. */
    private void freeBlocks(Sequence s) {
        for (int i = s.blockCount - 1; i >= 0; i--) {
            pool.release(s.blocks[i]);
        }
        s.blockCount = 0;
    }

    private void releaseLora(Sequence s) {
        if (s.loraInUse) {
            lora.release(s.request.lora());
            s.loraInUse = false;
        }
    }

    // ---------------------------------------------------------------- step completion

    private void completeStep(long end) {
        flushRemoved();
        boolean anyFinished = false;
        for (int i = 0; i < stepCount; i++) {
            Sequence s = stepSequences[i];
            stepSequences[i] = null;
            if (s.cancelled) {
                continue;
            }
            s.numComputed += s.scheduled;
            s.scheduled = 0;
            registerFullBlocks(s);
            if (s.numComputed == s.numTokens) {
                s.outputs++;
                s.numTokens++;
                generationTokensTotal++;
                if (s.firstTokenNanos < 0) {
                    s.firstTokenNanos = end;
                    ttft.observe(seconds(end - s.arrivalNanos));
                    prefillTime.observe(seconds(end - s.firstScheduledNanos));
                    listener.firstToken(s.request, end, s.cachedTokens);
                } else {
                    itl.observe(seconds(end - s.lastTokenNanos));
                    listener.token(s.request, end, s.outputs);
                }
                s.lastTokenNanos = end;
                if (s.outputs == s.request.outputTokens()) {
                    anyFinished = true;
                }
            }
        }
        stepCount = 0;
        if (anyFinished) {
            int kept = 0;
            for (int i = 0; i < running.size(); i++) {
                Sequence s = running.get(i);
                if (s.outputs == s.request.outputTokens()) {
                    int[] blockIds = s.request.remoteDecode() ? Arrays.copyOf(s.blocks, s.blockCount) : NO_BLOCK_IDS;
                    freeBlocks(s);
                    releaseLora(s);
                    finish(s, s.request.finishReason(), end, blockIds);
                } else {
                    running.set(kept++, s);
                }
            }
            while (running.size() > kept) {
                running.removeLast();
            }
        }
        if (emitEvents && !pendingEvents.isEmpty()) {
            List<KvEvent> batch = pendingEvents;
            pendingEvents = new ArrayList<>();
            kvSink.publish(end, batch);
        }
    }

    private void registerFullBlocks(Sequence s) {
        int full = s.numComputed / blockSize;
        if (full <= s.handledBlocks) {
            return;
        }
        ensureHashes(s, full);
        int first = -1;
        int count = 0;
        for (int k = s.handledBlocks; k < full; k++) {
            boolean stored = pool.register(s.blocks[k], s.hashes[k]);
            if (stored && emitEvents) {
                if (first >= 0 && first + count != k) {
                    emitStored(s, first, count);
                    first = -1;
                    count = 0;
                }
                if (first < 0) {
                    first = k;
                }
                count++;
            }
        }
        if (count > 0) {
            emitStored(s, first, count);
        }
        s.handledBlocks = full;
    }

    private void emitStored(Sequence s, int firstBlock, int count) {
        long[] hashes = Arrays.copyOfRange(s.hashes, firstBlock, firstBlock + count);
        int[] tokens = new int[count * blockSize];
        int from = firstBlock * blockSize;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = s.tokenAt(from + i, config.outputTokens());
        }
        String adapter = s.request.lora();
        pendingEvents.add(new KvEvent.BlockStored(hashes, firstBlock == 0 ? null : s.hashes[firstBlock - 1], tokens,
                blockSize, adapter == null ? null : lora.idOf(adapter), adapter));
    }

    private void flushRemoved() {
        if (pendingRemovedCount > 0) {
            pendingEvents.add(new KvEvent.BlockRemoved(Arrays.copyOf(pendingRemoved, pendingRemovedCount)));
            pendingRemovedCount = 0;
        }
    }

    private void ensureHashes(Sequence s, int blocks) {
        while (s.hashCount < blocks) {
            int k = s.hashCount;
            long parent = k == 0 ? hasher.root() : s.hashes[k - 1];
            int from = k * blockSize;
            String salt = k == 0 ? s.request.cacheSalt() : null;
            long h;
            if (from + blockSize <= s.promptLength) {
                h = hasher.hash(parent, s.request.promptTokens(), from, blockSize, s.request.lora(), salt);
            } else {
                for (int i = 0; i < blockSize; i++) {
                    scratch[i] = s.tokenAt(from + i, config.outputTokens());
                }
                h = hasher.hash(parent, scratch, 0, blockSize, s.request.lora(), salt);
            }
            s.hashes[k] = h;
            s.hashCount++;
        }
    }

    private void finish(Sequence s, FinishReason reason, long end) {
        finish(s, reason, end, NO_BLOCK_IDS);
    }

    private void finish(Sequence s, FinishReason reason, long end, int[] blockIds) {
        finishedByReason[reason.ordinal()]++;
        if (reason != FinishReason.ABORT) {
            e2e.observe(seconds(end - s.arrivalNanos));
            decodeTime.observe(seconds(end - s.firstTokenNanos));
            inferenceTime.observe(seconds(end - s.firstScheduledNanos));
            promptPerRequest.observe(s.promptLength);
            generationPerRequest.observe(s.outputs);
        }
        listener.finished(new Completion(s.request, reason, s.arrivalNanos, s.firstScheduledNanos, s.firstTokenNanos,
                end, s.promptLength, Math.max(0, s.cachedTokens), s.outputs, s.preemptions, blockIds));
    }

    // ---------------------------------------------------------------- observation

    /** The replica's metrics now. Allocates; meant for scrapes, not for every step. */
    public EngineSnapshot snapshot() {
        Set<String> runningAdapters = new LinkedHashSet<>();
        for (Sequence s : running) {
            if (s.request.lora() != null) {
                runningAdapters.add(s.request.lora());
            }
        }
        Set<String> waitingAdapters = new LinkedHashSet<>();
        for (Sequence s : waiting) {
            if (s.request.lora() != null) {
                waitingAdapters.add(s.request.lora());
            }
        }
        Map<FinishReason, Long> finished = new EnumMap<>(FinishReason.class);
        for (FinishReason r : FinishReason.values()) {
            finished.put(r, finishedByReason[r.ordinal()]);
        }
        int used = pool.usedBlocks();
        return new EngineSnapshot(now, waiting.size(), running.size(), used, pool.cachedBlocks(), pool.capacity(),
                blockSize, (double) used / pool.capacity(), Set.copyOf(runningAdapters), Set.copyOf(waitingAdapters),
                config.maxLoras(), promptTokensTotal, generationTokensTotal, prefixQueries, prefixHits,
                preemptionsTotal, Map.copyOf(finished), stepsTotal, ttft.snapshot(), itl.snapshot(), e2e.snapshot(),
                queueTime.snapshot(), prefillTime.snapshot(), decodeTime.snapshot(), inferenceTime.snapshot(),
                promptPerRequest.snapshot(), generationPerRequest.snapshot());
    }

    /** Hashes of the blocks the prefix cache holds now (in use or evictable), for {@code /debug/kv}. */
    public long[] cachedBlockHashes() {
        return pool.cachedHashes();
    }

    /** How many adapters are loaded in slots now. */
    public int residentAdapterCount() {
        return lora.residentCount();
    }

    /** Waiting requests. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Running requests. */
    public int runningCount() {
        return running.size();
    }

    /** Blocks referenced by requests. */
    public int usedBlocks() {
        return pool.usedBlocks();
    }

    /** Blocks evicted from the prefix cache so far. */
    public long evictions() {
        return pool.evictions();
    }

    /** Adapter loads so far. */
    public long adapterLoads() {
        return lora.loads();
    }

    /** Whether the adapter is loaded in a slot. */
    public boolean isAdapterResident(String adapter) {
        return lora.isResident(requireNonNull(adapter, "adapter"));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
