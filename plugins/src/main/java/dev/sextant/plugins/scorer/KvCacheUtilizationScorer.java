package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.Set;

/** Prefers endpoints with free KV-cache memory: score = 1 − KV-cache usage. */
public record KvCacheUtilizationScorer(String name) implements Scorer {
    public static final String TYPE = "kv-cache-utilization-scorer";

    public static final PluginFactory FACTORY = new SimplePluginFactory(TYPE, Set.of("kv-cache-scorer"),
            "prefers free KV-cache memory (1 - usage)", (name, params, ctx) -> new KvCacheUtilizationScorer(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ScorerCategory category() {
        return ScorerCategory.DISTRIBUTION;
    }

    @Override
    public Set<DataKey<?>> consumes() {
        return Set.of(EndpointMetrics.KV_CACHE_USAGE);
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            scores[i] = 1.0 - candidates.get(i).metrics().kvCacheUsage();
        }
    }
}
