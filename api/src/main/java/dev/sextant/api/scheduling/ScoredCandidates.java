package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;

/**
 * The candidates that passed every filter of a profile, each with its total weighted score.
 *
 * <p>Owned by the engine and reused between cycles: valid only inside the
 * {@link Picker#pick} call that received it. Not thread-safe.
 */
public interface ScoredCandidates {

    /** Number of candidates, &ge; 1. */
    int size();

    /** The candidate at {@code index}. */
    EndpointSnapshot get(int index);

    /**
     * The candidate's total score: the sum over the profile's scorers of score (clamped to [0,1])
     * times weight. Not normalised; 0 when the profile has no scorers.
     */
    double score(int index);
}
