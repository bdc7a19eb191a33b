package dev.sextant.plugins.flowcontrol;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.SimplePluginFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Saturation from the endpoints' own metrics, as GIE's utilization detector: each endpoint scores
 * max(waiting / queueDepthThreshold, kvUsage / kvCacheUtilThreshold), an endpoint whose metrics are
 * older than {@code metricsStalenessThreshold} (or missing) scores 1; the pool's saturation is the
 * mean. As a filter it removes endpoints at or above threshold × (1 + headroom), unless that would
 * remove them all.
 */
public final class UtilizationDetector implements SaturationDetector, Filter {
    public static final String TYPE = "utilization-detector";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "saturation from queue depth and KV usage (mean of per-endpoint max ratios); also a filter",
            (name, params, ctx) -> {
                int queue = params.integer("queueDepthThreshold", 5);
                params.check(queue > 0, "queueDepthThreshold", queue, "> 0");
                double kv = params.number("kvCacheUtilThreshold", 0.8);
                params.check(kv > 0 && kv <= 1, "kvCacheUtilThreshold", kv, "> 0 and <= 1");
                Duration staleness = params.duration("metricsStalenessThreshold", Duration.ofMillis(200));
                params.check(!staleness.isZero(), "metricsStalenessThreshold", staleness, "> 0");
                double headroom = params.number("headroom", 0.0);
                params.check(headroom >= 0, "headroom", headroom, ">= 0");
                return new UtilizationDetector(name, Math.max(1, queue), kv > 0 && kv <= 1 ? kv : 0.8,
                        staleness.isZero() ? Duration.ofMillis(200) : staleness, Math.max(0, headroom), ctx.clock());
            });

    private final String name;
    private final int queueDepthThreshold;
    private final double kvCacheUtilThreshold;
    private final long stalenessNanos;
    private final double headroom;
    private final Clock clock;

    public UtilizationDetector(String name, int queueDepthThreshold, double kvCacheUtilThreshold,
            Duration metricsStalenessThreshold, double headroom, Clock clock) {
        this.name = name;
        this.queueDepthThreshold = queueDepthThreshold;
        this.kvCacheUtilThreshold = kvCacheUtilThreshold;
        this.stalenessNanos = metricsStalenessThreshold.toNanos();
        this.headroom = headroom;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<DataKey<?>> consumes() {
        return Set.of(EndpointMetrics.WAITING_QUEUE_SIZE, EndpointMetrics.KV_CACHE_USAGE);
    }

    @Override
    public double saturation(List<EndpointSnapshot> candidates) {
        if (candidates.isEmpty()) {
            return 1.0;
        }
        long now = clock.nanos();
        double total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            EndpointMetrics m = candidates.get(i).metrics();
            total += m.ageNanos(now) > stalenessNanos ? 1.0 : Math.max(
                    m.waitingQueueSize() / (double) queueDepthThreshold, m.kvCacheUsage() / kvCacheUtilThreshold);
        }
        return total / candidates.size();
    }

    @Override
    public void filter(CycleState state, InferenceRequest request, Candidates candidates) {
        long now = clock.nanos();
        double queueLimit = queueDepthThreshold * (1 + headroom);
        double kvLimit = kvCacheUtilThreshold * (1 + headroom);
        int n = candidates.size();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            EndpointMetrics m = candidates.get(i).metrics();
            if (m.ageNanos(now) <= stalenessNanos && m.waitingQueueSize() < queueLimit && m.kvCacheUsage() < kvLimit) {
                kept++;
            }
        }
        if (kept == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            EndpointMetrics m = candidates.get(i).metrics();
            if (!(m.ageNanos(now) <= stalenessNanos && m.waitingQueueSize() < queueLimit && m.kvCacheUsage() < kvLimit)) {
                candidates.drop(i);
            }
        }
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", queue=" + queueDepthThreshold + ", kv=" + kvCacheUtilThreshold + '}';
    }
}
