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
 * Prefers endpoints running fewer requests: min-max normalised over the candidates like
 * {@link QueueScorer}, on the running batch instead of the waiting queue.
 */
public record RunningRequestsSizeScorer(String name) implements Scorer {
    public static final String TYPE = "running-requests-size-scorer";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "prefers fewer running requests (min-max over candidates)",
            (name, params, ctx) -> new RunningRequestsSizeScorer(name));

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
        return Set.of(EndpointMetrics.RUNNING_REQUESTS);
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        MinMax.lowerIsBetter(candidates, scores, s -> s.metrics().runningRequests());
    }
}
