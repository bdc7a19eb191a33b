package dev.sextant.api.plugin;

import dev.sextant.api.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the engine offers a plugin when it is created.
 *
 * <p>Thread-safe. A plugin may keep the clock and the random generator for its whole life.
 */
public interface PluginContext {

    /** The clock to read time from; virtual in the simulator. */
    Clock clock();

    /**
     * The source of randomness for tie-breaks and sampling. In production it is safe to call from
     * many threads; in the simulator it is seeded so that runs are reproducible.
     */
    RandomGenerator random();

    /**
     * A plugin defined earlier in the same configuration, if it exists and has the given type.
     * Plugins are created in the order they are listed.
     */
    <T> Optional<T> plugin(String name, Class<T> type);
}
