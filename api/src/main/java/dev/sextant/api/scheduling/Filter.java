package dev.sextant.api.scheduling;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;

/**
 * Removes endpoints that must not serve a request (wrong role, wrong labels, over capacity).
 *
 * <p>Called once per profile run with at least one candidate. If a filter drops every candidate the
 * profile fails and later filters do not run. Must be thread-safe and must not block.
 */
public interface Filter extends Plugin {

    /** Calls {@link Candidates#drop} for each candidate that must not serve {@code request}. */
    void filter(CycleState state, InferenceRequest request, Candidates candidates);
}
