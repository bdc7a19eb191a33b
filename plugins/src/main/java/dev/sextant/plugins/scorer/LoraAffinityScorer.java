package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.LoraState;
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
 * Prefers endpoints that already run the request's LoRA adapter (the target model): 1.0 when the
 * adapter is running there, 0.8 when the endpoint has a free adapter slot, 0.6 when the adapter is
 * waiting to load there, 0 otherwise.
 */
public record LoraAffinityScorer(String name) implements Scorer {
    public static final String TYPE = "lora-affinity-scorer";

    static final double RUNNING = 1.0;
    static final double FREE_SLOT = 0.8;
    static final double WAITING = 0.6;

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "prefers endpoints with the request's LoRA adapter loaded (1.0), a free slot (0.8) or it queued (0.6)",
            (name, params, ctx) -> new LoraAffinityScorer(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ScorerCategory category() {
        return ScorerCategory.AFFINITY;
    }

    @Override
    public Set<DataKey<?>> consumes() {
        return Set.of(EndpointMetrics.LORA);
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        String adapter = request.targetModel();
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            LoraState lora = candidates.get(i).metrics().lora();
            if (lora.running().contains(adapter)) {
                scores[i] = RUNNING;
            } else if (lora.hasFreeSlot()) {
                scores[i] = FREE_SLOT;
            } else if (lora.waiting().contains(adapter)) {
                scores[i] = WAITING;
            } else {
                scores[i] = 0.0;
            }
        }
    }
}
