package dev.sextant.core.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.time.Clock;
import dev.sextant.core.config.ProfileConfig;
import java.util.List;

/**
 * Runs one profile: filters in order, then every scorer (clamped, weighted, summed), then the picker.
 * Plugins and their timers are held in arrays resolved at build time, so a run does no lookups.
 *
 * <p>Failures are contained: a filter that throws is skipped (its drops are undone), a scorer that
 * throws contributes nothing, a picker that throws or returns something invalid fails the profile.
 */
final class ProfileRunner {
    private final ProfileConfig profile;
    private final Filter[] filters;
    private final PluginTimer[] filterTimers;
    private final Scorer[] scorers;
    private final double[] weights;
    private final PluginTimer[] scorerTimers;
    private final Picker picker;
    private final PluginTimer pickerTimer;
    private final Clock clock;
    private final SchedulingObserver observer;

    ProfileRunner(ProfileConfig profile, Clock clock, SchedulingObserver observer) {
        this.profile = profile;
        this.clock = clock;
        this.observer = observer;
        filters = profile.filters().toArray(Filter[]::new);
        filterTimers = new PluginTimer[filters.length];
        for (int i = 0; i < filters.length; i++) {
            filterTimers[i] = observer.timer(ExtensionPoint.FILTER, filters[i]);
        }
        int n = profile.scorers().size();
        scorers = new Scorer[n];
        weights = new double[n];
        scorerTimers = new PluginTimer[n];
        for (int i = 0; i < n; i++) {
            scorers[i] = profile.scorers().get(i).scorer();
            weights[i] = profile.scorers().get(i).weight();
            scorerTimers[i] = observer.timer(ExtensionPoint.SCORER, scorers[i]);
        }
        picker = profile.picker();
        pickerTimer = observer.timer(ExtensionPoint.PICKER, picker);
    }

    ProfileConfig profile() {
        return profile;
    }

    ProfileResult run(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates,
            CandidateScratch scratch) {
        scratch.load(candidates);
        for (int f = 0; f < filters.length; f++) {
            long start = clock.nanos();
            try {
                filters[f].filter(state, request, scratch);
            } catch (RuntimeException e) {
                scratch.clearDrops();
                observer.pluginFailed(ExtensionPoint.FILTER, filters[f], e);
            }
            filterTimers[f].record(clock.nanos() - start);
            scratch.compact();
            if (scratch.size() == 0) {
                return new ProfileResult.Failed(profile.name(), ProfileResult.Reason.ALL_FILTERED,
                        "filter '" + filters[f].name() + "' of profile '" + profile.name()
                                + "' left no endpoint out of " + candidates.size());
            }
        }
        for (int s = 0; s < scorers.length; s++) {
            double[] scores = scratch.scoresForScorer();
            long start = clock.nanos();
            boolean ok = true;
            try {
                scorers[s].score(state, request, scratch, scores);
            } catch (RuntimeException e) {
                ok = false;
                observer.pluginFailed(ExtensionPoint.SCORER, scorers[s], e);
            }
            scorerTimers[s].record(clock.nanos() - start);
            if (ok) {
                scratch.accumulate(weights[s]);
            }
        }
        if (scorers.length > 0) {
            observer.profileScored(profile.name(), scratch);
        }
        long start = clock.nanos();
        List<EndpointSnapshot> targets;
        try {
            targets = picker.pick(state, request, scratch);
        } catch (RuntimeException e) {
            observer.pluginFailed(ExtensionPoint.PICKER, picker, e);
            return pickerFailed("threw " + e);
        } finally {
            pickerTimer.record(clock.nanos() - start);
        }
        String invalid = invalidPick(targets, scratch);
        if (invalid != null) {
            return pickerFailed(invalid);
        }
        return new ProfileResult.Picked(profile.name(), targets);
    }

    private ProfileResult pickerFailed(String why) {
        return new ProfileResult.Failed(profile.name(), ProfileResult.Reason.PICKER_FAILED,
                "picker '" + picker.name() + "' of profile '" + profile.name() + "' " + why);
    }

    /** Why the picker's answer is unusable, or null when it is a non-empty list of distinct candidates. */
    private static String invalidPick(List<EndpointSnapshot> targets, CandidateScratch scratch) {
        if (targets == null || targets.isEmpty()) {
            return "returned no endpoint";
        }
        for (int i = 0; i < targets.size(); i++) {
            EndpointSnapshot t = targets.get(i);
            if (t == null || !scratch.contains(t)) {
                return "returned an endpoint that is not a candidate: " + t;
            }
            for (int j = 0; j < i; j++) {
                if (targets.get(j) == t) {
                    return "returned " + t.id() + " twice";
                }
            }
        }
        return null;
    }
}
