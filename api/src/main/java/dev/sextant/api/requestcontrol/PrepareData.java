package dev.sextant.api.requestcontrol;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import java.util.List;

/**
 * Produces data a request's scheduling needs before it is scheduled (tokens, prefix matches,
 * predictions), writing it into the {@link CycleState} under the keys it declares in
 * {@link #produces()}. The engine runs producers before their consumers.
 *
 * <p>Must be thread-safe. May block briefly (a tokenizer call); it runs on a virtual thread.
 */
public interface PrepareData extends Plugin {

    /** Computes this plugin's data for {@code request} over the candidate endpoints. */
    void prepare(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates);
}
