package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.flowcontrol.FairnessPolicy;
import dev.sextant.api.flowcontrol.FlowView;
import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;

/**
 * Flows of a band take turns: after serving flow F, the next flow (by fairness id, wrapping around)
 * with requests waiting is served, so a flow flooding the band cannot starve the others.
 */
public record RoundRobinFairnessPolicy(String name) implements FairnessPolicy {
    public static final String TYPE = "round-robin-fairness-policy";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "flow control: flows of a band take turns", (name, params, ctx) -> new RoundRobinFairnessPolicy(name));

    /** The fairness id served last in one band. */
    private static final class Cursor {
        String last;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object newBandState() {
        return new Cursor();
    }

    @Override
    public int pick(Object bandState, List<? extends FlowView> flows, OrderingPolicy ordering) {
        Cursor cursor = (Cursor) bandState;
        int chosen = 0;
        if (cursor.last != null) {
            for (int i = 0; i < flows.size(); i++) {
                if (flows.get(i).fairnessId().compareTo(cursor.last) > 0) {
                    chosen = i;
                    break;
                }
            }
        }
        cursor.last = flows.get(chosen).fairnessId();
        return chosen;
    }
}
