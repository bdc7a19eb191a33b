package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.flowcontrol.FairnessPolicy;
import dev.sextant.api.flowcontrol.FlowView;
import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.List;

/**
 * No fairness between flows: the band behaves as one queue, always serving the request that its
 * ordering policy ranks first across all flows (GIE's default).
 */
public record GlobalStrictFairnessPolicy(String name) implements FairnessPolicy {
    public static final String TYPE = "global-strict-fairness-policy";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "flow control: one global order across the flows of a band",
            (name, params, ctx) -> new GlobalStrictFairnessPolicy(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object newBandState() {
        return null;
    }

    @Override
    public int pick(Object bandState, List<? extends FlowView> flows, OrderingPolicy ordering) {
        int best = 0;
        for (int i = 1; i < flows.size(); i++) {
            if (ordering.compare(flows.get(i).head(), flows.get(best).head()) < 0) {
                best = i;
            }
        }
        return best;
    }
}
