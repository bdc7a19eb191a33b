package dev.sextant.bench.cluster;

import dev.sextant.api.datalayer.PollingDataSource;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.simulator.engine.ReplicaEngine;
import java.util.Map;

/**
 * What a metrics scrape of a simulated replica returns: its engine's snapshot, as the router would read it
 * from {@code /metrics}, without the HTTP and the text format. The data layer polls it on its own interval,
 * so the router sees the engines exactly as stale as a real scrape interval makes them.
 */
final class EngineMetricsSource implements PollingDataSource<EndpointMetrics> {
    static final String TYPE = "simulated-engine-metrics";

    private final Map<EndpointId, ReplicaEngine> engines;

    EngineMetricsSource(Map<EndpointId, ReplicaEngine> engines) {
        this.engines = Map.copyOf(engines);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public Class<EndpointMetrics> outputType() {
        return EndpointMetrics.class;
    }

    @Override
    public EndpointMetrics poll(Endpoint endpoint) {
        ReplicaEngine engine = engines.get(endpoint.id());
        if (engine == null) {
            throw new IllegalStateException("no simulated replica at " + endpoint.id());
        }
        return engine.snapshot().toEndpointMetrics();
    }
}
