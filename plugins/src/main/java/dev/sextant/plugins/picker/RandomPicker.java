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

/** Picks uniformly at random among the candidates, ignoring scores; k distinct ones for fallbacks. */
public record RandomPicker(String name, int maxNumOfEndpoints, RandomGenerator random) implements Picker {
    public static final String TYPE = "random-picker";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "picks uniformly at random, ignoring scores",
            (name, params, ctx) -> new RandomPicker(name, PickerParameters.maxNumOfEndpoints(params), ctx.random()));

    public RandomPicker {
        PickerParameters.requirePositive(maxNumOfEndpoints);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates) {
        int n = candidates.size();
        if (maxNumOfEndpoints == 1) {
            return List.of(candidates.get(random.nextInt(n)));
        }
        int k = Math.min(maxNumOfEndpoints, n);
        int[] order = Shuffle.indices(n, random);
        EndpointSnapshot[] out = new EndpointSnapshot[k];
        for (int i = 0; i < k; i++) {
            out[i] = candidates.get(order[i]);
        }
        return List.of(out);
    }
}
