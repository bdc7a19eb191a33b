package dev.sextant.bench.cluster;

import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import java.util.Optional;

/**
 * Finds, for one configuration, the consumer of the replicas' KV events: the plugin that keeps a precise
 * prefix index, wired to the in-process event stream. A configuration without such a plugin gets none,
 * and the engines then build no events at all.
 *
 * <p>No built-in plugin reads KV events yet; the precise prefix scorer (issue 7) will, and this is where it
 * plugs in, with a wiring that feeds its index from {@link KvEventConsumer#accept}.
 */
@FunctionalInterface
public interface KvEventConsumers {

    /** No configuration consumes KV events. */
    KvEventConsumers NONE = (config, clock) -> Optional.empty();

    /**
     * The consumer {@code config} needs, if any.
     *
     * @param config the configuration, instantiated for this run
     * @param clock the run's virtual clock
     */
    Optional<KvEventConsumer> forConfig(CompiledConfig config, Clock clock);
}
