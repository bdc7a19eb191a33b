package dev.sextant.api.scheduling;

import java.util.List;

/**
 * A named pipeline of filters, weighted scorers and one picker, as configured in
 * {@code schedulingProfiles}. A {@link ProfileHandler} decides which profiles run for a request.
 *
 * <p>Implemented by the engine; immutable and thread-safe.
 */
public interface SchedulingProfile {

    /** The profile's name, unique in a configuration, e.g. {@code default}, {@code prefill}. */
    String name();

    /** Names of the plugins in the profile, in configured order. */
    List<String> pluginNames();
}
