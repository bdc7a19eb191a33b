package dev.sextant.plugins.disagg;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;

/**
 * Decides, once the decode endpoint is chosen, whether a request's prompt should be computed on a
 * separate prefill endpoint. The {@link DisaggProfileHandler} names its decider in
 * {@code parameters.deciders.prefill}. Must be thread-safe and must not block.
 */
public interface PdDecider extends Plugin {

    /**
     * Whether to run the prefill profile for {@code request}.
     *
     * @param state the request's cycle state, holding what the scorers found (prefix matches)
     * @param decode the endpoint the decode profile chose
     */
    boolean disaggregate(CycleState state, InferenceRequest request, EndpointSnapshot decode);
}
