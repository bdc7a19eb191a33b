package dev.sextant.api.requestcontrol;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.SchedulingResult;

/**
 * Runs after a request was scheduled and before it is forwarded: sets headers (such as the prefill
 * endpoint for disaggregated serving), updates indexes (which endpoint will now hold this prefix),
 * counts in-flight requests. Must be thread-safe and must not block.
 */
public interface PreRequest extends Plugin {

    /** Reacts to the scheduling decision for {@code request}. */
    void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers);
}
