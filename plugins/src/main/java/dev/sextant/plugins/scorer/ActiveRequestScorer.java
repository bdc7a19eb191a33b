package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.plugins.SimplePluginFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * llm-d's active-request scorer: prefers endpoints with fewer requests in flight through this
 * Sextant instance, counted by the scorer itself rather than scraped, so it reacts to every pick
 * at once instead of after the next scrape.
 *
 * <p>With c the in-flight count of an endpoint and max the largest count among the candidates:
 * score 1 when c &le; {@code idleThreshold}, else (max − c)/max × {@code maxBusyScore}.
 *
 * <p>Counting: at pre-request the primary endpoint of every profile that picked (decode and prefill
 * alike) gains one; at response-complete, which the engine calls exactly once per scheduled
 * request however it ends, the same endpoints lose one. Entries that reach zero are removed, so
 * endpoints that leave the pool leave nothing behind.
 */
public final class ActiveRequestScorer implements Scorer, PreRequest, ResponseComplete {
    public static final String TYPE = "active-request-scorer";

    private static final DataKey<CountedEndpoints> COUNTED =
            DataKey.of("active-request-scorer.counted", CountedEndpoints.class);

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "prefers endpoints with fewer requests in flight through this instance",
            (name, params, ctx) -> {
                int idleThreshold = params.integer("idleThreshold", 0);
                params.check(idleThreshold >= 0, "idleThreshold", idleThreshold, ">= 0");
                double maxBusyScore = params.number("maxBusyScore", 1.0);
                params.check(maxBusyScore >= 0 && maxBusyScore <= 1, "maxBusyScore", maxBusyScore, "0..1");
                // Accepted for llm-d compatibility; counts are released by response-complete, which always runs.
                params.duration("requestTimeout", Duration.ofMinutes(2));
                return new ActiveRequestScorer(name, Math.max(0, idleThreshold), Math.clamp(maxBusyScore, 0.0, 1.0));
            });

    private final String name;
    private final int idleThreshold;
    private final double maxBusyScore;
    private final ConcurrentHashMap<EndpointId, Long> inFlight = new ConcurrentHashMap<>();

    public ActiveRequestScorer(String name, int idleThreshold, double maxBusyScore) {
        this.name = name;
        this.idleThreshold = idleThreshold;
        this.maxBusyScore = maxBusyScore;
    }

    /** The endpoints one request was counted against, kept in its cycle state until it completes. */
    private record CountedEndpoints(List<EndpointId> endpoints) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScorerCategory category() {
        return ScorerCategory.DISTRIBUTION;
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        long max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, inFlight(candidates.get(i).id()));
        }
        for (int i = 0; i < n; i++) {
            long c = inFlight(candidates.get(i).id());
            scores[i] = c <= idleThreshold ? 1.0 : (double) (max - c) / max * maxBusyScore;
        }
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        List<EndpointId> counted = new ArrayList<>(result.profiles().size());
        for (ProfileResult profile : result.profiles().values()) {
            if (profile instanceof ProfileResult.Picked picked) {
                EndpointId id = picked.primary().id();
                if (!counted.contains(id)) {
                    counted.add(id);
                    inFlight.merge(id, 1L, Long::sum);
                }
            }
        }
        state.put(COUNTED, new CountedEndpoints(List.copyOf(counted)));
    }

    @Override
    public void responseComplete(CycleState state, InferenceRequest request, ResponseSummary summary) {
        CountedEndpoints counted = state.get(COUNTED);
        if (counted == null) {
            return;
        }
        state.remove(COUNTED);
        for (EndpointId id : counted.endpoints()) {
            inFlight.computeIfPresent(id, (k, c) -> c <= 1 ? null : c - 1);
        }
    }

    /** Requests in flight to {@code id} through this scorer. */
    public long inFlight(EndpointId id) {
        Long c = inFlight.get(id);
        return c == null ? 0 : c;
    }

    /** Number of endpoints with requests in flight; zero once every request completed. */
    public int trackedEndpoints() {
        return inFlight.size();
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", inFlight=" + inFlight + '}';
    }
}
