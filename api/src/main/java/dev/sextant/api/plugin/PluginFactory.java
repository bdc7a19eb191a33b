package dev.sextant.api.plugin;

import java.util.Set;

/**
 * Creates plugin instances of one type from their configuration.
 *
 * <p>Built-in factories are registered explicitly by the engine; out-of-tree factories are found
 * through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.sextant.api.plugin.PluginFactory}). The registry refuses two factories
 * that claim the same type or alias.
 *
 * <p>{@link #create} reports invalid parameters through
 * {@link PluginParameters#check}/{@link PluginParameters#problem} rather than by throwing, so that
 * every problem in a configuration is reported at once. It may return a plugin built from defaults
 * when some parameters were invalid; the engine discards it.
 */
public interface PluginFactory {

    /** The type name used in configuration files, e.g. {@code queue-scorer}. */
    String type();

    /** Other names accepted for this type (legacy or upstream spellings). Defaults to none. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** One line saying what the plugin does, shown by {@code sextant config validate} and in docs. */
    String description();

    /**
     * Creates a plugin instance.
     *
     * @param name the instance name (never blank)
     * @param parameters the {@code parameters} block of the configuration, possibly empty
     * @param context engine services: clock, randomness, plugins defined earlier
     */
    Plugin create(String name, PluginParameters parameters, PluginContext context);
}
