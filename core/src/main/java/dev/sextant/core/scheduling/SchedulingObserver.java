package dev.sextant.core.scheduling;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.ScoredCandidates;

/**
 * Where the engine reports what happens around plugins: per-plugin latency, contained plugin
 * failures and completed cycles. Plugins never record these themselves. Implementations must be
 * thread-safe; {@link #NOOP} discards everything.
 */
public interface SchedulingObserver {

    /** An observer that records nothing. */
    SchedulingObserver NOOP = new SchedulingObserver() {};

    /** The timer for {@code plugin} at {@code point}; called once per plugin when the engine is built. */
    default PluginTimer timer(ExtensionPoint point, Plugin plugin) {
        return PluginTimer.NOOP;
    }

    /** A plugin threw; the engine contained it (skipped a filter or scorer, failed a profile). */
    default void pluginFailed(ExtensionPoint point, Plugin plugin, RuntimeException error) {}

    /**
     * A profile finished scoring; {@code scored} (valid only during this call) holds each surviving
     * candidate's total. Called only for profiles with scorers; keep it cheap (sample, do not copy
     * every time).
     */
    default void profileScored(String profile, ScoredCandidates scored) {}

    /** A scheduling cycle ended with {@code result} after {@code nanos}. */
    default void cycleCompleted(InferenceRequest request, SchedulingResult result, long nanos) {}
}
