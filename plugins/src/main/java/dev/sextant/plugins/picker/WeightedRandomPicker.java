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
 * Picks at random with probability proportional to score, by weighted reservoir sampling
 * (Efraimidis–Spirakis A-Res: key = u^(1/score), the k largest keys win). Candidates scoring 0
 * come last; when every score is 0 the pick is uniform.
 */
public record WeightedRandomPicker(String name, int maxNumOfEndpoints, RandomGenerator random) implements Picker {
    public static final String TYPE = "weighted-random-picker";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "picks at random in proportion to score (weighted reservoir sampling)",
            (name, params, ctx) -> new WeightedRandomPicker(name, PickerParameters.maxNumOfEndpoints(params),
                    ctx.random()));

    public WeightedRandomPicker {
        PickerParameters.requirePositive(maxNumOfEndpoints);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates) {
        int n = candidates.size();
        int k = Math.min(maxNumOfEndpoints, n);
        boolean anyPositive = false;
        for (int i = 0; i < n && !anyPositive; i++) {
            anyPositive = candidates.score(i) > 0;
        }
        if (!anyPositive) {
            return new RandomPicker(name, maxNumOfEndpoints, random).pick(state, request, candidates);
        }
        // Keys in (0,1] for positive scores, 0 for the rest; ln(key) = ln(u)/score avoids pow().
        double[] logKeys = new double[n];
        for (int i = 0; i < n; i++) {
            double s = candidates.score(i);
            logKeys[i] = s > 0 ? Math.log(nonZero(random.nextDouble())) / s : Double.NEGATIVE_INFINITY;
        }
        int[] order = Shuffle.indices(n, random);
        EndpointSnapshot[] out = new EndpointSnapshot[k];
        for (int slot = 0; slot < k; slot++) {
            int bestAt = slot;
            for (int j = slot + 1; j < n; j++) {
                if (logKeys[order[j]] > logKeys[order[bestAt]]) {
                    bestAt = j;
                }
            }
            int chosen = order[bestAt];
            order[bestAt] = order[slot];
            order[slot] = chosen;
            out[slot] = candidates.get(chosen);
        }
        return List.of(out);
    }

    private static double nonZero(double u) {
        return u == 0.0 ? Double.MIN_VALUE : u;
    }
}
