package dev.sextant.plugins.disagg;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.plugins.SimplePluginFactory;

/** Sends every request through a prefill endpoint; for tests and pools that always disaggregate. */
public record AlwaysDisaggPdDecider(String name) implements PdDecider {
    public static final String TYPE = "always-disagg-pd-decider";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "P/D decider: disaggregate every request", (name, params, ctx) -> new AlwaysDisaggPdDecider(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean disaggregate(CycleState state, InferenceRequest request, EndpointSnapshot decode) {
        return true;
    }
}
