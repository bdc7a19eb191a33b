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

/**
 * llm-d's load-aware scorer, an absolute (not relative) queue score: an empty queue scores 0.5; a
 * queue of q waiting requests scores 0.5·(1 − min(q, T)/T), where T is {@code threshold}.
 */
public record LoadAwareScorer(String name, int threshold) implements Scorer {
    public static final String TYPE = "load-aware-scorer";
    static final int DEFAULT_THRESHOLD = 128;

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "absolute queue score: 0.5 when idle, falling to 0 at `threshold` waiting requests",
            (name, params, ctx) -> {
                int threshold = params.integer("threshold", DEFAULT_THRESHOLD);
                params.check(threshold > 0, "threshold", threshold, "> 0");
                return new LoadAwareScorer(name, Math.max(1, threshold));
            });

    public LoadAwareScorer {
        if (threshold <= 0) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: > 0)");
        }
    }

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
        return Set.of(EndpointMetrics.WAITING_QUEUE_SIZE);
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        int n = candidates.size();
        double t = threshold;
        for (int i = 0; i < n; i++) {
            int q = candidates.get(i).metrics().waitingQueueSize();
            scores[i] = q == 0 ? 0.5 : 0.5 * (1.0 - Math.min(q, threshold) / t);
        }
    }
}
