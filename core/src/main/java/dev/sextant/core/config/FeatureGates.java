package dev.sextant.core.config;

import java.util.Set;

/** The feature gates a configuration may enable, with GIE's names. */
public final class FeatureGates {
    private FeatureGates() {}

    /** Queue, prioritise and shed requests under saturation instead of dispatching at once. */
    public static final String FLOW_CONTROL = "flowControl";

    /** GIE's gate for its pluggable data layer; Sextant's data layer is always on, so it has no effect. */
    public static final String DATA_LAYER = "dataLayer";

    /** GIE's gate for its legacy metrics collector; accepted for compatibility, no effect. */
    public static final String ENABLE_LEGACY_METRICS = "enableLegacyMetrics";

    /** Every gate a configuration may name. */
    public static final Set<String> KNOWN = Set.of(FLOW_CONTROL, DATA_LAYER, ENABLE_LEGACY_METRICS);
}
