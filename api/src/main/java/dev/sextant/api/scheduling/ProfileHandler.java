package dev.sextant.api.scheduling;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which scheduling profiles run for a request, and which one's pick is the destination.
 *
 * <p>The engine loops: it asks {@link #pick} for profiles to run, runs them, adds their results, and
 * asks again until {@link #pick} returns an empty list; then it calls {@link #processResults}. A
 * handler for prefill/decode disaggregation runs {@code decode} first and {@code prefill} only when
 * worthwhile. Exactly one handler per configuration. Must be thread-safe.
 */
public interface ProfileHandler extends Plugin {

    /**
     * The profiles to run next, given the results so far; empty to stop.
     *
     * @param profiles every configured profile by name
     * @param results the results of the profiles that ran so far, by name
     */
    List<SchedulingProfile> pick(CycleState state, InferenceRequest request,
            Map<String, SchedulingProfile> profiles, ProfileResults results);

    /**
     * Turns the results of every profile that ran into the cycle's outcome. Called once, after
     * {@link #pick} returned an empty list, with at least one result.
     */
    SchedulingResult processResults(CycleState state, InferenceRequest request, ProfileResults results);

    /**
     * Problems with the configured profiles as this handler sees them (too many, a required name
     * missing), each a sentence naming what was found and what was expected. Checked once at
     * start-up; defaults to none.
     */
    default List<String> checkProfiles(Set<String> profileNames) {
        return List.of();
    }
}
