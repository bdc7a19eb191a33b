package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import java.util.List;

/**
 * Chooses the endpoint(s) a profile sends the request to, from the scored candidates.
 *
 * <p>Exactly one picker per profile. Must be thread-safe and must not block.
 */
public interface Picker extends Plugin {

    /**
     * The chosen endpoints in order of preference: the first is the primary, the rest are fallbacks
     * to try if it fails. Must be non-empty, distinct, and drawn from {@code candidates}.
     */
    List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates);
}
