package dev.sextant.api.requestcontrol;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import java.util.List;

/**
 * Decides whether a request is admitted, after prepare-data and before scheduling. A request is
 * admitted only if every admission plugin admits it. Must be thread-safe and must not block.
 */
public interface AdmissionPlugin extends Plugin {

    /** {@link Admission#ADMITTED}, or a rejection saying why. */
    Admission admit(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates);
}
