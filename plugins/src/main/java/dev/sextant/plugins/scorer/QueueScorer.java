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
 * Prefers endpoints with shorter waiting queues: min-max normalised over the candidates, the shortest
 * queue scores 1 and the longest 0; when all queues are equal every endpoint scores 1.
 */
public record QueueScorer(String name) implements Scorer {
    public static final String TYPE = "queue-scorer";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "prefers shorter waiting queues (min-max over candidates)", (name, params, ctx) -> new QueueScorer(name));

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
        MinMax.lowerIsBetter(candidates, scores, s -> s.metrics().waitingQueueSize());
    }
}
