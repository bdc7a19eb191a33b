package dev.sextant.bench.cluster;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.endpoint.EndpointMetrics;

/**
 * Copies a simulated replica's metrics into the endpoint's next snapshot, as the vLLM metrics extractor does
 * from scraped text. The data layer stamps the snapshot with the scrape's time.
 */
final class EngineMetricsExtractor implements Extractor<EndpointMetrics> {
    static final String TYPE = "simulated-engine-metrics-extractor";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public Class<EndpointMetrics> inputType() {
        return EndpointMetrics.class;
    }

    @Override
    public void extract(EndpointMetrics data, EndpointUpdate update) {
        update.metrics()
                .waitingQueueSize(data.waitingQueueSize())
                .runningRequests(data.runningRequests())
                .kvCacheUsage(data.kvCacheUsage())
                .lora(data.lora())
                .cacheBlockSize(data.cacheBlockSize())
                .cacheNumBlocks(data.cacheNumBlocks());
    }
}
