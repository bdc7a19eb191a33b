package dev.sextant.api.plugin;

import java.util.Set;

/**
 * A configured instance of a plugin type.
 *
 * <p>Every extension point ({@code Filter}, {@code Scorer}, {@code Picker}, {@code PreRequest}, ...)
 * extends this interface; one plugin may implement several of them. The engine calls a plugin from
 * many request threads at once, so implementations must be thread-safe.
 *
 * <p>Plugins never record their own metrics or timings: the engine times every call and contains
 * every exception a plugin throws.
 */
public interface Plugin {

    /** The registered type of this plugin, e.g. {@code queue-scorer}. Never null or blank. */
    String type();

    /**
     * The instance name, unique within one configuration. Defaults to the type when the configuration
     * gives none. Never null or blank.
     */
    String name();

    /**
     * The data this plugin writes (into the {@link dev.sextant.api.scheduling.CycleState} or into
     * endpoint attributes). The engine orders producers before consumers and refuses cycles.
     * Defaults to nothing.
     */
    default Set<DataKey<?>> produces() {
        return Set.of();
    }

    /**
     * The data this plugin reads. Every key must be an endpoint metric or be produced by another
     * configured plugin; the engine checks that at start-up. Defaults to nothing.
     */
    default Set<DataKey<?>> consumes() {
        return Set.of();
    }
}
