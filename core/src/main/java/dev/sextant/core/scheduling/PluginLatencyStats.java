package dev.sextant.core.scheduling;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.SchedulingResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory {@link SchedulingObserver}: call counts, total time and failures per plugin and
 * extension point, and cycle counts by outcome. Cheap enough for production (a few striped adders
 * per call); the admin server exposes richer histograms built on the same hooks.
 */
public final class PluginLatencyStats implements SchedulingObserver {
    private final Map<String, Stat> stats = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> cycles = new ConcurrentHashMap<>();

    /** Count, total and failures of one plugin at one extension point. */
    public static final class Stat {
        private final LongAdder calls = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();
        private final LongAdder failures = new LongAdder();

        public long calls() {
            return calls.sum();
        }

        public long totalNanos() {
            return totalNanos.sum();
        }

        public long failures() {
            return failures.sum();
        }
    }

    private static String key(ExtensionPoint point, Plugin plugin) {
        return point.label() + "/" + plugin.name();
    }

    @Override
    public PluginTimer timer(ExtensionPoint point, Plugin plugin) {
        Stat stat = stats.computeIfAbsent(key(point, plugin), k -> new Stat());
        return nanos -> {
            stat.calls.increment();
            stat.totalNanos.add(nanos);
        };
    }

    @Override
    public void pluginFailed(ExtensionPoint point, Plugin plugin, RuntimeException error) {
        stats.computeIfAbsent(key(point, plugin), k -> new Stat()).failures.increment();
    }

    @Override
    public void cycleCompleted(InferenceRequest request, SchedulingResult result, long nanos) {
        String outcome = switch (result) {
            case SchedulingResult.Scheduled s -> "scheduled";
            case SchedulingResult.Unschedulable u -> u.reason().name().toLowerCase(java.util.Locale.ROOT);
        };
        cycles.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** The stat of {@code pluginName} at {@code point}, or null if it was never timed. */
    public Stat stat(ExtensionPoint point, String pluginName) {
        return stats.get(point.label() + "/" + pluginName);
    }

    /** Completed cycles by outcome ({@code scheduled} or a lower-case unschedulable reason). */
    public Map<String, Long> cycles() {
        Map<String, Long> out = new TreeMap<>();
        cycles.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
