package dev.sextant.bench.cluster;

import static java.util.Objects.requireNonNull;

import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.plugins.precise.PrecisePrefixCacheScorer;
import dev.sextant.plugins.precise.events.KvCacheEvent;
import dev.sextant.plugins.precise.events.StorageTier;
import dev.sextant.simulator.engine.KvEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds every {@code precise-prefix-cache-scorer} of a configuration from the simulated engines' KV events,
 * in process and in virtual time: the events are translated one to one into the scorer's event records
 * (what its ZeroMQ subscriber would have decoded) and applied with their sequence numbers. No sockets.
 */
public final class PreciseIndexFeeds implements KvEventConsumers {
    private final String model;

    /** @param model the model the replicas serve (the topic's model in production) */
    public PreciseIndexFeeds(String model) {
        this.model = requireNonNull(model, "model");
    }

    @Override
    public Optional<KvEventConsumer> forConfig(CompiledConfig config, Clock clock) {
        List<PrecisePrefixCacheScorer> scorers = config.pluginsOf(PrecisePrefixCacheScorer.class);
        if (scorers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((endpoint, sequence, publishedAtNanos, events) -> {
            List<KvCacheEvent> translated = translate(events);
            for (PrecisePrefixCacheScorer scorer : scorers) {
                scorer.index().apply(endpoint, model, sequence, translated);
            }
        });
    }

    static List<KvCacheEvent> translate(List<KvEvent> events) {
        List<KvCacheEvent> out = new ArrayList<>(events.size());
        for (KvEvent e : events) {
            out.add(switch (e) {
                case KvEvent.BlockStored s -> new KvCacheEvent.BlockStored(s.blockHashes(),
                        s.parentBlockHash() == null ? 0 : s.parentBlockHash(), s.parentBlockHash() != null,
                        s.tokenIds(), s.blockSize(), s.loraName(), s.loraId(), StorageTier.GPU);
                case KvEvent.BlockRemoved r -> new KvCacheEvent.BlockRemoved(r.blockHashes(), StorageTier.GPU);
                case KvEvent.AllBlocksCleared c -> new KvCacheEvent.AllBlocksCleared();
            });
        }
        return out;
    }
}
