package dev.sextant.api.scheduling;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;

/**
 * Rates how well each candidate suits a request.
 *
 * <p>Scores are in [0,1], higher is better. The engine clamps out-of-range values (NaN counts as
 * 0), multiplies by the scorer's weight in the profile and sums across scorers. Must be thread-safe,
 * must not block and should not allocate per call.
 */
public interface Scorer extends Plugin {

    /** What kind of preference this scorer expresses. */
    ScorerCategory category();

    /**
     * Writes a score for every candidate into {@code scores[i]}, for i in 0..candidates.size()-1.
     * The engine sets the array to 0 before the call; entries beyond {@code size()} are ignored.
     */
    void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores);
}
