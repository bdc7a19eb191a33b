package dev.sextant.simulator.engine;

import java.util.List;

/**
 * Receives the engine's KV events, one batch per step, in order. Called on the thread that drives
 * the engine; the list is the caller's to keep.
 */
@FunctionalInterface
public interface KvEventSink {

    /** Discards events; the engine then builds none. */
    KvEventSink NONE = (nanos, events) -> {};

    /** A batch of events that happened in the step that ended at {@code nanos} (engine time). */
    void publish(long nanos, List<KvEvent> events);
}
