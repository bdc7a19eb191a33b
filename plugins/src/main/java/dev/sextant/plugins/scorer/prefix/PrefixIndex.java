package dev.sextant.plugins.scorer.prefix;

import dev.sextant.api.endpoint.EndpointId;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which prompt blocks each endpoint is believed to hold in its KV cache, learned from where requests
 * were sent: one {@link BlockLru} per endpoint.
 *
 * <p>Memory is bounded by the number of endpoints times their capacity. Endpoints that are neither
 * scheduling candidates nor destinations for {@code idleTimeout} are dropped by {@link #forgetIdle},
 * which is how endpoints that left the pool leave the index.
 *
 * <p>Thread-safe.
 */
public final class PrefixIndex {
    private final ConcurrentHashMap<EndpointId, BlockLru> endpoints = new ConcurrentHashMap<>();

    /** Leading blocks of {@code hashes} that {@code endpoint} holds; marks it as in use. */
    public int leadingMatches(EndpointId endpoint, long[] hashes, long nowNanos) {
        BlockLru blocks = endpoints.get(endpoint);
        if (blocks == null) {
            return 0;
        }
        blocks.touch(nowNanos);
        return hashes.length == 0 ? 0 : blocks.leadingMatches(hashes);
    }

    /** Records that {@code endpoint} now holds {@code hashes}, keeping at most {@code capacity} blocks for it. */
    public void record(EndpointId endpoint, long[] hashes, int capacity, long nowNanos) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (hashes.length == 0) {
            return;
        }
        endpoints.computeIfAbsent(endpoint, id -> new BlockLru(capacity, nowNanos)).record(hashes, capacity, nowNanos);
    }

    /** Forgets everything about {@code endpoint}. */
    public void forget(EndpointId endpoint) {
        endpoints.remove(endpoint);
    }

    /** Forgets endpoints not used since {@code nowNanos − idleNanos}. */
    public void forgetIdle(long nowNanos, long idleNanos) {
        endpoints.values().removeIf(blocks -> nowNanos - blocks.lastUsedNanos() > idleNanos);
    }

    /** Block hashes held for {@code endpoint}. */
    public int blocks(EndpointId endpoint) {
        BlockLru blocks = endpoints.get(endpoint);
        return blocks == null ? 0 : blocks.size();
    }

    /** Endpoints with at least one block recorded. */
    public int endpoints() {
        return endpoints.size();
    }
}
