package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saturation from the load Sextant itself has put on the endpoints, as GIE's concurrency detector:
 * in-flight requests (or estimated tokens) per endpoint against {@code maxConcurrency} (or
 * {@code maxTokenConcurrency}); the pool's saturation is total in flight / (endpoints × capacity).
 * Reacts to every dispatch at once, unlike scraped metrics. As a filter it caps each endpoint at
 * capacity × (1 + headroom), unless that would remove them all.
 *
 * <p>Tokens mode estimates a request's tokens as its body size / 4.
 */
public final class ConcurrencyDetector implements SaturationDetector, Filter, PreRequest, ResponseComplete {
    public static final String TYPE = "concurrency-detector";

    private static final DataKey<Counted> COUNTED = DataKey.of("concurrency-detector.counted", Counted.class);

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "saturation from requests (or tokens) in flight per endpoint; also a filter capping each endpoint",
            (name, params, ctx) -> {
                String mode = params.string("concurrencyMode", "requests");
                params.check(mode.equals("requests") || mode.equals("tokens"), "concurrencyMode", mode,
                        "requests or tokens");
                long maxConcurrency = params.longValue("maxConcurrency", 100);
                params.check(maxConcurrency > 0, "maxConcurrency", maxConcurrency, "> 0");
                long maxTokens = params.longValue("maxTokenConcurrency", 1_000_000);
                params.check(maxTokens > 0, "maxTokenConcurrency", maxTokens, "> 0");
                double headroom = params.number("headroom", 0.0);
                params.check(headroom >= 0, "headroom", headroom, ">= 0");
                boolean tokens = mode.equals("tokens");
                return new ConcurrencyDetector(name, tokens, Math.max(1, tokens ? maxTokens : maxConcurrency),
                        Math.max(0, headroom));
            });

    private final String name;
    private final boolean tokens;
    private final long capacity;
    private final double headroom;
    private final ConcurrentHashMap<EndpointId, Long> inFlight = new ConcurrentHashMap<>();

    /** What one request added, kept in its cycle state until it completes. */
    private record Counted(List<EndpointId> endpoints, long weight) {}

    public ConcurrencyDetector(String name, boolean tokens, long capacity, double headroom) {
        this.name = name;
        this.tokens = tokens;
        this.capacity = capacity;
        this.headroom = headroom;
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
    public double saturation(List<EndpointSnapshot> candidates) {
        if (candidates.isEmpty()) {
            return 1.0;
        }
        long total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            total += load(candidates.get(i).id());
        }
        return total / ((double) candidates.size() * capacity);
    }

    @Override
    public void filter(CycleState state, InferenceRequest request, Candidates candidates) {
        double limit = capacity * (1 + headroom);
        int n = candidates.size();
        boolean any = false;
        for (int i = 0; i < n && !any; i++) {
            any = load(candidates.get(i).id()) < limit;
        }
        if (!any) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (load(candidates.get(i).id()) >= limit) {
                candidates.drop(i);
            }
        }
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        long weight = tokens ? Math.max(1, request.bodySizeBytes() / 4) : 1;
        List<EndpointId> counted = new ArrayList<>(2);
        for (ProfileResult profile : result.profiles().values()) {
            if (profile instanceof ProfileResult.Picked picked && !counted.contains(picked.primary().id())) {
                counted.add(picked.primary().id());
                inFlight.merge(picked.primary().id(), weight, Long::sum);
            }
        }
        state.put(COUNTED, new Counted(List.copyOf(counted), weight));
    }

    @Override
    public void responseComplete(CycleState state, InferenceRequest request, ResponseSummary summary) {
        Counted counted = state.get(COUNTED);
        if (counted == null) {
            return;
        }
        state.remove(COUNTED);
        for (EndpointId id : counted.endpoints()) {
            inFlight.computeIfPresent(id, (k, v) -> v <= counted.weight() ? null : v - counted.weight());
        }
    }

    /** Requests (or tokens) in flight to {@code id}. */
    public long load(EndpointId id) {
        Long v = inFlight.get(id);
        return v == null ? 0 : v;
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", capacity=" + capacity + (tokens ? " tokens" : " requests") + '}';
    }
}
