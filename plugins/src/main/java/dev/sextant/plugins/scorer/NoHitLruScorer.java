package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * llm-d's no-hit LRU scorer: spreads requests that hit no prefix cache anywhere ("cold" requests,
 * which fill caches with new blocks) over the endpoints that served cold requests least recently,
 * so cache growth is even. For requests with a prefix hit it scores every endpoint 0.5, leaving the
 * choice to the prefix scorer.
 *
 * <p>A request is cold when the {@link PrefixCacheMatches} in its cycle state names no endpoint, or
 * when there is none (no prefix scorer ran before this one: list the prefix scorer first in the
 * profile). For a cold request the candidates are ranked: never-used endpoints first, in candidate
 * order, then the others from least to most recently used; rank r of n scores 1 − r/(n − 1), a single
 * candidate scores 1. At pre-request the primary endpoint of every profile that picked a cold request
 * becomes the most recently used. At most {@code lruSize} endpoints are remembered.
 *
 * <p>Thread-safe.
 */
public final class NoHitLruScorer implements Scorer, PreRequest {
    public static final String TYPE = "no-hit-lru-scorer";

    private static final DataKey<ColdRequest> COLD = DataKey.of("no-hit-lru-scorer.cold", ColdRequest.class);
    private static final int DEFAULT_LRU_SIZE = 1024;
    private static final String DEFAULT_PREFIX_PLUGIN = "prefix-cache-scorer";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "spreads requests with no prefix-cache hit over the least recently used endpoints (llm-d)",
            (name, params, ctx) -> {
                // llm-d names the prefix plugin whose state to read; here every prefix scorer publishes
                // PrefixCacheMatches under one key, so the names are accepted for compatibility only.
                params.string("prefixPluginType", DEFAULT_PREFIX_PLUGIN);
                params.string("prefixPluginName", DEFAULT_PREFIX_PLUGIN);
                int lruSize = params.integer("lruSize", DEFAULT_LRU_SIZE);
                params.check(lruSize > 0 && lruSize <= 1 << 20, "lruSize", lruSize, "1.." + (1 << 20));
                return new NoHitLruScorer(name, Math.clamp(lruSize, 1, 1 << 20));
            });

    private final String name;
    private final int lruSize;
    private final AtomicLong uses = new AtomicLong();
    private final ConcurrentHashMap<EndpointId, Long> lastUse = new ConcurrentHashMap<>();

    public NoHitLruScorer(String name, int lruSize) {
        this.name = name;
        this.lruSize = lruSize;
    }

    /** Whether a request hit no prefix cache, as seen while scoring. */
    private record ColdRequest(boolean cold) {}

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
        PrefixCacheMatches matches = state.get(PrefixCacheMatches.KEY);
        boolean cold = matches == null || matches.matchedBlocks().isEmpty();
        ColdRequest earlier = state.get(COLD);
        // Cold only if every profile that scored this request found no hit.
        state.put(COLD, new ColdRequest(cold && (earlier == null || earlier.cold())));
        int n = candidates.size();
        if (!cold) {
            Arrays.fill(scores, 0, n, 0.5);
            return;
        }
        if (n == 1) {
            scores[0] = 1.0;
            return;
        }
        long[] used = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            Long use = lastUse.get(candidates.get(i).id());
            used[i] = use == null ? -1 : use;
            order[i] = i;
        }
        // Never used (-1) first, then least recently used; the sort is stable, so ties keep candidate order.
        Arrays.sort(order, Comparator.comparingLong(i -> used[i]));
        for (int rank = 0; rank < n; rank++) {
            scores[order[rank]] = 1.0 - (double) rank / (n - 1);
        }
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        ColdRequest cold = state.get(COLD);
        if (cold == null || !cold.cold()) {
            return;
        }
        for (ProfileResult profile : result.profiles().values()) {
            if (profile instanceof ProfileResult.Picked picked) {
                lastUse.put(picked.primary().id(), uses.incrementAndGet());
            }
        }
        if (lastUse.size() > lruSize) {
            evictLeastRecentlyUsed();
        }
    }

    /** Endpoints remembered, at most {@code lruSize}. */
    public int trackedEndpoints() {
        return lastUse.size();
    }

    private void evictLeastRecentlyUsed() {
        while (lastUse.size() > lruSize) {
            Map.Entry<EndpointId, Long> oldest = null;
            for (Map.Entry<EndpointId, Long> e : lastUse.entrySet()) {
                if (oldest == null || e.getValue() < oldest.getValue()) {
                    oldest = e;
                }
            }
            if (oldest == null) {
                return;
            }
            lastUse.remove(oldest.getKey(), oldest.getValue());
        }
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", lruSize=" + lruSize + ", tracked=" + lastUse.size() + '}';
    }
}
