package dev.sextant.core.registry;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The {@link PluginContext} the engine hands to factories while it instantiates a configuration. */
public final class EnginePluginContext implements PluginContext {
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Plugin> created = new LinkedHashMap<>();

    public EnginePluginContext(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Production: the system clock and thread-local randomness. */
    public static EnginePluginContext production() {
        return new EnginePluginContext(Clock.system(), ThreadLocalRandomGenerator.INSTANCE);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public <T> Optional<T> plugin(String name, Class<T> type) {
        Plugin plugin = created.get(name);
        return type.isInstance(plugin) ? Optional.of(type.cast(plugin)) : Optional.empty();
    }

    /** Makes {@code plugin} visible to the plugins created after it. */
    public void register(Plugin plugin) {
        created.put(plugin.name(), plugin);
    }
}
