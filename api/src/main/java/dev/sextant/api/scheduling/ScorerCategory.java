package dev.sextant.api.scheduling;

/** The kind of preference a scorer expresses; used to explain configurations, not to compute. */
public enum ScorerCategory {
    /** Prefers endpoints that already hold something for this request (KV prefix, adapter, session). */
    AFFINITY,
    /** Prefers spreading load evenly across endpoints. */
    DISTRIBUTION,
    /** Balances affinity against distribution. */
    BALANCE
}
