package dev.sextant.core.flowcontrol;

import dev.sextant.api.flowcontrol.FairnessPolicy;
import dev.sextant.api.flowcontrol.OrderingPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Flow control as configured, with defaults applied and policies instantiated.
 *
 * @param maxBytes total bytes queued across all bands; {@link Long#MAX_VALUE} = unlimited
 * @param maxRequests total requests queued; {@link Long#MAX_VALUE} = unlimited
 * @param defaultTtl how long a request may wait; {@link Duration#ZERO} = until its client gives up
 * @param defaultBand settings of bands not listed
 * @param bands settings per priority
 */
public record FlowControlSettings(long maxBytes, long maxRequests, Duration defaultTtl, BandSettings defaultBand,
        Map<Integer, BandSettings> bands) {

    /** GIE's default capacity of one band: 1 GB of queued bodies. */
    public static final long DEFAULT_BAND_MAX_BYTES = 1_000_000_000L;

    public FlowControlSettings {
        positive(maxBytes, "maxBytes");
        positive(maxRequests, "maxRequests");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        if (defaultTtl.isNegative()) {
            throw new IllegalArgumentException("defaultTtl: " + defaultTtl + " (expected: >= 0)");
        }
        Objects.requireNonNull(defaultBand, "defaultBand");
        bands = Map.copyOf(bands);
    }

    /**
     * One priority band's limits and policies.
     *
     * @param maxBytes bytes queued in the band
     * @param maxRequests requests queued in the band
     * @param fairness which flow goes next
     * @param ordering which request of a flow goes next
     */
    public record BandSettings(long maxBytes, long maxRequests, FairnessPolicy fairness, OrderingPolicy ordering) {
        public BandSettings {
            positive(maxBytes, "maxBytes");
            positive(maxRequests, "maxRequests");
            Objects.requireNonNull(fairness, "fairness");
            Objects.requireNonNull(ordering, "ordering");
        }
    }

    /** The settings of the band for {@code priority}. */
    public BandSettings band(int priority) {
        return bands.getOrDefault(priority, defaultBand);
    }

    private static void positive(long v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
        }
    }
}
