package dev.sextant.simulator.engine;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.LoraState;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of a replica at one moment: what vLLM exports on {@code /metrics}.
 *
 * @param nanos engine time of the snapshot
 * @param waiting requests in the waiting queue
 * @param running requests in the running batch
 * @param kvBlocksUsed blocks referenced by requests
 * @param kvBlocksCached blocks holding a reusable hash (referenced or not)
 * @param kvBlocksTotal KV-cache capacity in blocks
 * @param blockSize tokens per block
 * @param kvCacheUsage {@code kvBlocksUsed / kvBlocksTotal}, 0..1
 * @param runningAdapters adapters of running requests
 * @param waitingAdapters adapters of waiting requests
 * @param maxLoras adapter slots
 * @param promptTokens prompt tokens computed (prefill, excluding cache hits) in total
 * @param generationTokens tokens generated in total
 * @param prefixCacheQueries prompt tokens looked up in the prefix cache in total
 * @param prefixCacheHits prompt tokens found in the prefix cache in total
 * @param preemptions preemptions in total
 * @param finished finished requests by reason
 * @param steps steps run in total
 * @param ttft time to first token, seconds
 * @param interTokenLatency time between two output tokens, seconds
 * @param e2eLatency arrival to finish, seconds
 * @param queueTime arrival to first scheduling, seconds
 * @param prefillTime first scheduling to first token, seconds
 * @param decodeTime first token to finish, seconds
 * @param inferenceTime first scheduling to finish, seconds
 * @param promptTokensPerRequest prompt tokens per finished request
 * @param generationTokensPerRequest generated tokens per finished request
 */
public record EngineSnapshot(
        long nanos,
        int waiting,
        int running,
        int kvBlocksUsed,
        int kvBlocksCached,
        int kvBlocksTotal,
        int blockSize,
        double kvCacheUsage,
        Set<String> runningAdapters,
        Set<String> waitingAdapters,
        int maxLoras,
        long promptTokens,
        long generationTokens,
        long prefixCacheQueries,
        long prefixCacheHits,
        long preemptions,
        Map<FinishReason, Long> finished,
        long steps,
        HistogramSnapshot ttft,
        HistogramSnapshot interTokenLatency,
        HistogramSnapshot e2eLatency,
        HistogramSnapshot queueTime,
        HistogramSnapshot prefillTime,
        HistogramSnapshot decodeTime,
        HistogramSnapshot inferenceTime,
        HistogramSnapshot promptTokensPerRequest,
        HistogramSnapshot generationTokensPerRequest) {

    /**
     * What a router's metrics scrape of this replica would report, stamped with the snapshot's
     * engine time: for a virtual-time cluster simulation that feeds the real scheduler without HTTP.
     */
    public EndpointMetrics toEndpointMetrics() {
        return new EndpointMetrics(waiting, running, Math.min(1.0, Math.max(0.0, kvCacheUsage)),
                new LoraState(runningAdapters, waitingAdapters, maxLoras), blockSize, kvBlocksTotal, nanos);
    }
}
