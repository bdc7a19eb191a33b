package dev.sextant.core.registry;

import dev.sextant.api.SextantException;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.BuiltinPlugins;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every plugin type Sextant can instantiate, by type name and alias.
 *
 * <p>Built-ins are registered explicitly; out-of-tree factories come from {@link ServiceLoader}.
 * A type name or alias claimed twice is refused, so no configuration can silently get another
 * plugin than the one its author meant. Thread-safe once built; registration is for start-up only.
 */
public final class PluginRegistry {
    private final Map<String, PluginFactory> byName = new LinkedHashMap<>();
    private final List<PluginFactory> factories = new ArrayList<>();

    private PluginRegistry() {}

    /** A registry of the built-in plugins and every {@link PluginFactory} on the class path. */
    public static PluginRegistry withBuiltinsAndServiceLoader() {
        PluginRegistry registry = builtins();
        for (PluginFactory factory : ServiceLoader.load(PluginFactory.class)) {
            registry.register(factory);
        }
        return registry;
    }

    /** A registry of the built-in plugins only. */
    public static PluginRegistry builtins() {
        return of(BuiltinPlugins.factories());
    }

    /** A registry of exactly these factories. */
    public static PluginRegistry of(List<PluginFactory> factories) {
        PluginRegistry registry = new PluginRegistry();
        factories.forEach(registry::register);
        return registry;
    }

    /**
     * Adds a factory under its type and aliases.
     *
     * @throws SextantException if the type or an alias is already taken
     */
    public PluginRegistry register(PluginFactory factory) {
        Objects.requireNonNull(factory, "factory");
        List<String> names = new ArrayList<>();
        names.add(factory.type());
        names.addAll(factory.aliases());
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new SextantException("plugin factory " + factory.getClass().getName()
                        + " declares a blank type or alias (expected: a name such as queue-scorer)");
            }
            PluginFactory existing = byName.get(name);
            if (existing != null) {
                throw new SextantException("plugin type '" + name + "' is registered twice: by "
                        + existing.getClass().getName() + " and by " + factory.getClass().getName()
                        + " (expected: each type and alias registered once)");
            }
        }
        names.forEach(name -> byName.put(name, factory));
        factories.add(factory);
        return this;
    }

    /** The factory registered under {@code typeOrAlias}. */
    public Optional<PluginFactory> find(String typeOrAlias) {
        return Optional.ofNullable(byName.get(typeOrAlias));
    }

    /** Every registered factory, in registration order. */
    public List<PluginFactory> factories() {
        return Collections.unmodifiableList(factories);
    }

    /** Every type name and alias. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
