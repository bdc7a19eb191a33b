package dev.sextant.bench.cluster;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.engine.KvEvent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The KV events in flight between the replicas and their consumer: each batch is delivered a fixed delay
 * after the replica published it. The simulation publishes in time order and the delay is the same for
 * every batch, so a first-in, first-out queue is already in delivery order. Single-threaded.
 */
final class KvEventDelivery {
    private final long delayNanos;
    private final KvEventConsumer consumer;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final long[] sequences;
    private long delivered;

    KvEventDelivery(int replicas, long delayNanos, KvEventConsumer consumer) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: >= 0)");
        }
        this.delayNanos = delayNanos;
        this.consumer = consumer;
        this.sequences = new long[replicas];
    }

    /** Queues a batch {@code replica} published at {@code nanos}. */
    void publish(int replica, EndpointId endpoint, long nanos, List<KvEvent> events) {
        queue.addLast(new Batch(endpoint, sequences[replica]++, nanos, events));
    }

    /** When the next batch is due; {@link Long#MAX_VALUE} when none is in flight. */
    long nextDue() {
        Batch head = queue.peekFirst();
        return head == null ? Long.MAX_VALUE : head.publishedAtNanos + delayNanos;
    }

    /** Delivers the next batch; the caller has moved the clock to its due time. */
    void deliverNext() {
        Batch b = queue.pollFirst();
        if (b != null) {
            delivered++;
            consumer.accept(b.endpoint, b.sequence, b.publishedAtNanos, b.events);
        }
    }

    /** Batches delivered so far. */
    long delivered() {
        return delivered;
    }

    private record Batch(EndpointId endpoint, long sequence, long publishedAtNanos, List<KvEvent> events) {}
}
