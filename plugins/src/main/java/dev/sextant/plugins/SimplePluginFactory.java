package dev.sextant.plugins;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import java.util.Objects;
import java.util.Set;

/** A {@link PluginFactory} made of a type, a description and a constructor function. */
public record SimplePluginFactory(String type, Set<String> aliases, String description, Creator creator)
        implements PluginFactory {

    /** Builds a plugin from its name, parameters and context. */
    @FunctionalInterface
    public interface Creator {
        Plugin create(String name, PluginParameters parameters, PluginContext context);
    }

    public SimplePluginFactory {
        Objects.requireNonNull(type, "type");
        aliases = Set.copyOf(aliases);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(creator, "creator");
    }

    /** A factory without aliases. */
    public static SimplePluginFactory of(String type, String description, Creator creator) {
        return new SimplePluginFactory(type, Set.of(), description, creator);
    }

    @Override
    public Plugin create(String name, PluginParameters parameters, PluginContext context) {
        return creator.create(name, parameters, context);
    }
}
