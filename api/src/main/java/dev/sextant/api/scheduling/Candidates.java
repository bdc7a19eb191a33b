package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;

/**
 * The endpoints still in the running for one scheduling profile, as an indexed view.
 *
 * <p>Filters {@link #drop} endpoints by index; the engine removes dropped endpoints after the filter
 * returns, so indices and {@link #size()} stay stable during one call. Scorers write one score per
 * index. The view is owned by the engine and reused between cycles: a plugin must not keep a
 * reference to it after the call; the snapshots it returns are immutable and may be kept.
 *
 * <p>Not thread-safe: valid only inside the call that received it.
 */
public interface Candidates {

    /** Number of candidates, &ge; 1 when a plugin is called. */
    int size();

    /** The candidate at {@code index} (0 &le; index &lt; size). */
    EndpointSnapshot get(int index);

    /** Removes the candidate at {@code index} from the running once the current filter returns. */
    void drop(int index);

    /** Whether the current filter has already dropped the candidate at {@code index}. */
    boolean isDropped(int index);
}
