package dev.sextant.core.config;

import dev.sextant.api.plugin.Plugin;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin instance of a compiled configuration, with what it was built from.
 *
 * @param plugin the instance
 * @param parameters its effective parameters, defaults included
 * @param origin whether the document configured it or a defaulting rule added it
 * @param where the YAML path of its entry, empty for added plugins
 */
public record ConfiguredPlugin(Plugin plugin, Map<String, Object> parameters, Origin origin, String where) {

    public ConfiguredPlugin {
        Objects.requireNonNull(plugin, "plugin");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(origin, "origin");
    }

    /** Why a plugin is in the configuration. */
    public enum Origin {
        /** Listed under {@code plugins}. */
        CONFIGURED,
        /** Added by a defaulting rule (profile handler, picker). */
        DEFAULTED
    }

    /** The instance name. */
    public String name() {
        return plugin.name();
    }

    /** The plugin type. */
    public String type() {
        return plugin.type();
    }

    /** {@code plugin 'name' (type t)}, the way messages refer to it. */
    public String label() {
        return label(plugin);
    }

    /** {@code plugin 'name' (type t)}. */
    public static String label(Plugin plugin) {
        return "plugin '" + plugin.name() + "' (type " + plugin.type() + ")";
    }
}
