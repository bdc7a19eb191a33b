package dev.sextant.core.scheduling;

/**
 * Records how long one plugin took at one extension point. Resolved once per plugin when the
 * scheduler is built, so recording costs no lookup; must be thread-safe and allocation-free.
 */
@FunctionalInterface
public interface PluginTimer {
    /** A timer that records nothing. */
    PluginTimer NOOP = nanos -> {};

    /** Records one call that took {@code nanos}. */
    void record(long nanos);
}
