package dev.sextant.bench.cluster;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.engine.KvEvent;
import java.util.List;

/**
 * Receives the simulated replicas' KV-cache events in virtual time, after the configured delivery delay:
 * the in-process stand-in for the ZeroMQ stream a precise prefix index subscribes to in production.
 * Called on the simulation's one thread, in the order the replicas published, each batch once.
 */
@FunctionalInterface
public interface KvEventConsumer {

    /**
     * A batch of events one replica published.
     *
     * @param endpoint the replica that published them
     * @param sequence the batch's number on that replica: 0, 1, 2, ... (no gaps: nothing is lost in process)
     * @param publishedAtNanos when the replica published them (the step's end); the clock now reads later by
     *     the delivery delay
     * @param events the events, in the replica's order; the list is the consumer's to keep
     */
    void accept(EndpointId endpoint, long sequence, long publishedAtNanos, List<KvEvent> events);
}
