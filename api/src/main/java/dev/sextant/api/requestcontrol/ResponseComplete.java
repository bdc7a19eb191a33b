package dev.sextant.api.requestcontrol;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;

/**
 * Runs exactly once for every request that was scheduled, however it ended: success, error status,
 * broken upstream or client gone. Plugins that count in-flight requests release them here. Must be
 * thread-safe and must not block.
 */
public interface ResponseComplete extends Plugin {

    /** Reacts to the end of {@code request}. */
    void responseComplete(CycleState state, InferenceRequest request, ResponseSummary summary);
}
