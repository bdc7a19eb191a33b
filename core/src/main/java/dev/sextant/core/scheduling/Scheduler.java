package dev.sextant.core.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileHandler;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingProfile;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.SchedulingResult.Reason;
import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ProfileConfig;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduling engine: for one request and a set of candidate endpoints, runs the profile
 * handler's loop over the configured profiles and returns where the request goes.
 *
 * <p>Synchronous and lock-free: plugins read immutable snapshots, working memory comes from a pool,
 * so concurrent cycles do not contend and a cycle allocates little beyond its result. Thread-safe.
 */
public final class Scheduler {
    private final ProfileHandler handler;
    private final Map<String, SchedulingProfile> profiles;
    private final Map<String, ProfileRunner> runners;
    private final PluginTimer pickTimer;
    private final PluginTimer resultsTimer;
    private final Clock clock;
    private final SchedulingObserver observer;
    private final ScratchPool pool = new ScratchPool();

    private Scheduler(CompiledConfig config, Clock clock, SchedulingObserver observer) {
        this.handler = Objects.requireNonNull(config.profileHandler(), "profileHandler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        Map<String, SchedulingProfile> byName = new LinkedHashMap<>();
        Map<String, ProfileRunner> runnersByName = new HashMap<>();
        for (ProfileConfig profile : config.profiles()) {
            byName.put(profile.name(), profile);
            runnersByName.put(profile.name(), new ProfileRunner(profile, clock, observer));
        }
        this.profiles = Collections.unmodifiableMap(byName);
        this.runners = Map.copyOf(runnersByName);
        this.pickTimer = observer.timer(ExtensionPoint.PROFILE_PICK, handler);
        this.resultsTimer = observer.timer(ExtensionPoint.PROFILE_RESULTS, handler);
    }

    /** A scheduler for a compiled configuration. */
    public static Scheduler create(CompiledConfig config, Clock clock, SchedulingObserver observer) {
        return new Scheduler(config, clock, observer);
    }

    /** The configured profiles by name, as profile handlers see them. */
    public Map<String, SchedulingProfile> profiles() {
        return profiles;
    }

    /**
     * Chooses where {@code request} goes among {@code candidates}.
     *
     * @param state the request's cycle state, shared with the request-control hooks
     * @param candidates endpoints eligible for the request (healthy, serving its model); may be empty
     */
    public SchedulingResult schedule(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates) {
        long start = clock.nanos();
        SchedulingResult result = candidates.isEmpty()
                ? new SchedulingResult.Unschedulable(Reason.NO_CANDIDATES,
                        "no candidate endpoints for model '" + request.targetModel() + "'")
                : runProfiles(state, request, candidates);
        observer.cycleCompleted(request, result, clock.nanos() - start);
        return result;
    }

    private SchedulingResult runProfiles(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates) {
        ProfileResults results = ProfileResults.EMPTY;
        while (true) {
            List<SchedulingProfile> next;
            long pickStart = clock.nanos();
            try {
                next = handler.pick(state, request, profiles, results);
            } catch (RuntimeException e) {
                observer.pluginFailed(ExtensionPoint.PROFILE_PICK, handler, e);
                return internalError("profile handler '" + handler.name() + "' failed to pick profiles: " + e);
            } finally {
                pickTimer.record(clock.nanos() - pickStart);
            }
            if (next == null || next.isEmpty()) {
                break;
            }
            for (SchedulingProfile profile : next) {
                ProfileRunner runner = profile == null ? null : runners.get(profile.name());
                if (runner == null || runner.profile() != profile) {
                    return internalError("profile handler '" + handler.name() + "' asked for a profile that is not"
                            + " configured: " + (profile == null ? "null" : profile.name()));
                }
                if (results.containsKey(profile.name())) {
                    return internalError("profile handler '" + handler.name() + "' asked to run profile '"
                            + profile.name() + "' twice");
                }
                CandidateScratch scratch = pool.acquire();
                try {
                    results = results.with(runner.run(state, request, candidates, scratch));
                } finally {
                    pool.release(scratch);
                }
            }
        }
        if (results.isEmpty()) {
            return new SchedulingResult.Unschedulable(Reason.PROFILE_FAILED,
                    "profile handler '" + handler.name() + "' chose no profile to run");
        }
        long resultsStart = clock.nanos();
        try {
            SchedulingResult result = handler.processResults(state, request, results);
            return result != null ? result : internalError("profile handler '" + handler.name() + "' returned no result");
        } catch (RuntimeException e) {
            observer.pluginFailed(ExtensionPoint.PROFILE_RESULTS, handler, e);
            return internalError("profile handler '" + handler.name() + "' failed to process results: " + e);
        } finally {
            resultsTimer.record(clock.nanos() - resultsStart);
        }
    }

    private static SchedulingResult internalError(String message) {
        return new SchedulingResult.Unschedulable(Reason.INTERNAL_ERROR, message);
    }
}
