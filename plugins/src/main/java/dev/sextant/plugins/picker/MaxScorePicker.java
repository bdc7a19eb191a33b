package dev.sextant.plugins.picker;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.ScoredCandidates;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks the highest-scored endpoint, breaking ties uniformly at random; with
 * {@code maxNumOfEndpoints} k &gt; 1, the k highest in descending order (ties in random order), the
 * rest being fallbacks.
 *
 * <p>The common case k = 1 is a single pass with reservoir tie-breaking: it allocates only the
 * one-element result and draws a random number only when scores tie.
 */
public record MaxScorePicker(String name, int maxNumOfEndpoints, RandomGenerator random) implements Picker {
    public static final String TYPE = "max-score-picker";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "picks the highest total score, random tie-break; maxNumOfEndpoints > 1 adds fallbacks",
            (name, params, ctx) -> new MaxScorePicker(name, PickerParameters.maxNumOfEndpoints(params), ctx.random()));

    public MaxScorePicker {
        PickerParameters.requirePositive(maxNumOfEndpoints);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates) {
        if (maxNumOfEndpoints == 1 || candidates.size() == 1) {
            return List.of(candidates.get(best(candidates)));
        }
        return topK(candidates);
    }

    private int best(ScoredCandidates candidates) {
        int n = candidates.size();
        int best = 0;
        double bestScore = candidates.score(0);
        int ties = 1;
        for (int i = 1; i < n; i++) {
            double s = candidates.score(i);
            if (s > bestScore) {
                best = i;
                bestScore = s;
                ties = 1;
            } else if (s == bestScore && random.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }

    private List<EndpointSnapshot> topK(ScoredCandidates candidates) {
        int n = candidates.size();
        int k = Math.min(maxNumOfEndpoints, n);
        int[] order = Shuffle.indices(n, random);
        // Selection of the k best over a shuffled order: a stable pick of the maximum keeps ties random.
        EndpointSnapshot[] out = new EndpointSnapshot[k];
        for (int slot = 0; slot < k; slot++) {
            int bestAt = slot;
            for (int j = slot + 1; j < n; j++) {
                if (candidates.score(order[j]) > candidates.score(order[bestAt])) {
                    bestAt = j;
                }
            }
            int chosen = order[bestAt];
            System.arraycopy(order, slot, order, slot + 1, bestAt - slot);
            order[slot] = chosen;
            out[slot] = candidates.get(chosen);
        }
        return List.of(out);
    }
}
