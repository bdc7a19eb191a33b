package dev.sextant.bench.cluster;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.requestcontrol.ResponseChunk;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseReceived;
import dev.sextant.api.requestcontrol.ResponseStreaming;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.SchedulingResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A test plugin, found through the service loader like any out-of-tree plugin, that counts the
 * request-control hooks the Director runs: proof that simulated requests go through the production
 * request lifecycle. Counts are kept per instance name, so tests do not see each other's.
 */
public final class HookCounter implements PreRequest, ResponseReceived, ResponseStreaming, ResponseComplete {
    static final String TYPE = "test-hook-counter";
    static final int PRE_REQUEST = 0;
    static final int RECEIVED = 1;
    static final int CHUNKS = 2;
    static final int COMPLETED = 3;
    static final int SUCCEEDED = 4;
    static final int OUTPUT_TOKENS = 5;

    private static final Map<String, AtomicLongArray> COUNTS = new ConcurrentHashMap<>();

    private final String name;
    private final AtomicLongArray counts;

    HookCounter(String name) {
        this.name = name;
        this.counts = COUNTS.computeIfAbsent(name, n -> new AtomicLongArray(6));
    }

    static long count(String name, int what) {
        AtomicLongArray a = COUNTS.get(name);
        return a == null ? 0 : a.get(what);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        counts.incrementAndGet(PRE_REQUEST);
    }

    @Override
    public void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response) {
        counts.incrementAndGet(RECEIVED);
    }

    @Override
    public void responseChunk(CycleState state, InferenceRequest request, ResponseInfo response, ResponseChunk chunk) {
        counts.incrementAndGet(CHUNKS);
    }

    @Override
    public void responseComplete(CycleState state, InferenceRequest request, ResponseSummary summary) {
        counts.incrementAndGet(COMPLETED);
        if (summary.outcome() == ResponseSummary.Outcome.SUCCESS) {
            counts.incrementAndGet(SUCCEEDED);
            counts.addAndGet(OUTPUT_TOKENS, summary.usage().completionTokens());
        }
    }

    /** Its factory, listed in the test resources' service file. */
    public static final class Factory implements PluginFactory {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String description() {
            return "counts request-control hook calls (tests only)";
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            return new HookCounter(name);
        }
    }
}
