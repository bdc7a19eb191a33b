package dev.sextant.plugins.picker;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.ScoredCandidates;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the candidates in turn, ignoring scores: the classic load balancer, a baseline for comparing
 * inference-aware policies. The turn is one counter shared by all requests, taken modulo the number of
 * candidates, so with a stable candidate list every endpoint gets every n-th request; fallbacks are the
 * next ones in the list. Thread-safe.
 */
public final class RoundRobinPicker implements Picker {
    public static final String TYPE = "round-robin-picker";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "picks the candidates in turn, ignoring scores",
            (name, params, ctx) -> new RoundRobinPicker(name, PickerParameters.maxNumOfEndpoints(params)));

    private final String name;
    private final int maxNumOfEndpoints;
    private final AtomicLong turn = new AtomicLong();

    /**
     * @param name the instance name
     * @param maxNumOfEndpoints endpoints to return, primary plus fallbacks, &ge; 1
     */
    public RoundRobinPicker(String name, int maxNumOfEndpoints) {
        this.name = Objects.requireNonNull(name, "name");
        PickerParameters.requirePositive(maxNumOfEndpoints);
        this.maxNumOfEndpoints = maxNumOfEndpoints;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates) {
        int n = candidates.size();
        int first = (int) Math.floorMod(turn.getAndIncrement(), (long) n);
        if (maxNumOfEndpoints == 1) {
            return List.of(candidates.get(first));
        }
        int k = Math.min(maxNumOfEndpoints, n);
        EndpointSnapshot[] out = new EndpointSnapshot[k];
        for (int i = 0; i < k; i++) {
            out[i] = candidates.get((first + i) % n);
        }
        return List.of(out);
    }
}
