package dev.sextant.api.endpoint;

import dev.sextant.api.plugin.DataKey;

/**
 * What the last successful scrape of one endpoint said, in engine-neutral terms.
 *
 * <p>Immutable. A new instance replaces the old one on every scrape; scorers read whichever instance
 * was current when their scheduling cycle started.
 *
 * @param waitingQueueSize requests waiting to be scheduled by the engine, &ge; 0
 * @param runningRequests requests in the running batch, &ge; 0
 * @param kvCacheUsage fraction of KV-cache blocks in use, 0..1
 * @param lora adapter state; {@link LoraState#NONE} when the engine reports none
 * @param cacheBlockSize tokens per KV-cache block; 0 when unknown
 * @param cacheNumBlocks KV-cache blocks on the device; 0 when unknown
 * @param updatedAtNanos {@link dev.sextant.api.time.Clock#nanos()} reading of the scrape;
 *     {@link #NEVER} when the endpoint was never scraped
 */
public record EndpointMetrics(
        int waitingQueueSize,
        int runningRequests,
        double kvCacheUsage,
        LoraState lora,
        int cacheBlockSize,
        long cacheNumBlocks,
        long updatedAtNanos) {

    /** {@link #updatedAtNanos} of an endpoint that was never scraped. */
    public static final long NEVER = Long.MIN_VALUE;

    /** Metrics of an endpoint never scraped: all zero, infinitely old. */
    public static final EndpointMetrics UNKNOWN = new EndpointMetrics(0, 0, 0.0, LoraState.NONE, 0, 0, NEVER);

    /** Data key of {@link #waitingQueueSize}, for plugins to declare what they consume. */
    public static final DataKey<Integer> WAITING_QUEUE_SIZE = DataKey.endpointMetric("waiting-queue-size", Integer.class);

    /** Data key of {@link #runningRequests}. */
    public static final DataKey<Integer> RUNNING_REQUESTS = DataKey.endpointMetric("running-requests", Integer.class);

    /** Data key of {@link #kvCacheUsage}. */
    public static final DataKey<Double> KV_CACHE_USAGE = DataKey.endpointMetric("kv-cache-usage", Double.class);

    /** Data key of {@link #lora}. */
    public static final DataKey<LoraState> LORA = DataKey.endpointMetric("lora", LoraState.class);

    /** Data key of {@link #cacheBlockSize} and {@link #cacheNumBlocks}. */
    public static final DataKey<Long> CACHE_GEOMETRY = DataKey.endpointMetric("cache-geometry", Long.class);

    public EndpointMetrics {
        if (waitingQueueSize < 0) {
            throw new IllegalArgumentException("waitingQueueSize: " + waitingQueueSize + " (expected: >= 0)");
        }
        if (runningRequests < 0) {
            throw new IllegalArgumentException("runningRequests: " + runningRequests + " (expected: >= 0)");
        }
        if (!(kvCacheUsage >= 0.0 && kvCacheUsage <= 1.0)) {
            throw new IllegalArgumentException("kvCacheUsage: " + kvCacheUsage + " (expected: 0..1)");
        }
        if (lora == null) {
            lora = LoraState.NONE;
        }
        if (cacheBlockSize < 0 || cacheNumBlocks < 0) {
            throw new IllegalArgumentException(
                    "cache geometry: " + cacheBlockSize + "x" + cacheNumBlocks + " (expected: >= 0)");
        }
    }

    /** Whether these metrics came from a scrape at all. */
    public boolean isKnown() {
        return updatedAtNanos != NEVER;
    }

    /** Nanoseconds between the scrape and {@code nowNanos}; {@link Long#MAX_VALUE} when never scraped. */
    public long ageNanos(long nowNanos) {
        return isKnown() ? Math.max(0L, nowNanos - updatedAtNanos) : Long.MAX_VALUE;
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #UNKNOWN}. */
    public static Builder builder() {
        return new Builder(UNKNOWN);
    }

    /** Builds metrics field by field; used by extractors and tests. Not thread-safe. */
    public static final class Builder {
        private int waitingQueueSize;
        private int runningRequests;
        private double kvCacheUsage;
        private LoraState lora;
        private int cacheBlockSize;
        private long cacheNumBlocks;
        private long updatedAtNanos;

        private Builder(EndpointMetrics from) {
            waitingQueueSize = from.waitingQueueSize;
            runningRequests = from.runningRequests;
            kvCacheUsage = from.kvCacheUsage;
            lora = from.lora;
            cacheBlockSize = from.cacheBlockSize;
            cacheNumBlocks = from.cacheNumBlocks;
            updatedAtNanos = from.updatedAtNanos;
        }

        public Builder waitingQueueSize(int value) {
            waitingQueueSize = value;
            return this;
        }

        public Builder runningRequests(int value) {
            runningRequests = value;
            return this;
        }

        public Builder kvCacheUsage(double value) {
            kvCacheUsage = value;
            return this;
        }

        public Builder lora(LoraState value) {
            lora = value;
            return this;
        }

        public Builder cacheBlockSize(int value) {
            cacheBlockSize = value;
            return this;
        }

        public Builder cacheNumBlocks(long value) {
            cacheNumBlocks = value;
            return this;
        }

        public Builder updatedAtNanos(long value) {
            updatedAtNanos = value;
            return this;
        }

        public EndpointMetrics build() {
            return new EndpointMetrics(
                    waitingQueueSize, runningRequests, kvCacheUsage, lora, cacheBlockSize, cacheNumBlocks, updatedAtNanos);
        }
    }
}
