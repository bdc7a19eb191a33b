package dev.sextant.plugins;

import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.time.Clock;
import dev.sextant.api.time.ManualClock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** A deterministic {@link PluginContext}: manual clock, seeded randomness, no other plugins. */
public record TestPluginContext(Clock clock, RandomGenerator random) implements PluginContext {

    public static TestPluginContext seeded(long seed) {
        return new TestPluginContext(new ManualClock(), new SplittableRandom(seed));
    }

    @Override
    public <T> Optional<T> plugin(String name, Class<T> type) {
        return Optional.empty();
    }
}
