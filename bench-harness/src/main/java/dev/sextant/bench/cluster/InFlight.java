package dev.sextant.bench.cluster;

import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.bench.workload.PlannedRequest;
import dev.sextant.core.requestcontrol.RequestHandle;
import dev.sextant.simulator.engine.EngineRequest;

/** What the simulation tracks of one request between its routing and its last token. */
final class InFlight {
    final PlannedRequest planned;
    final EngineRequest engineRequest;
    final RequestHandle handle;
    final SimulatedReplica replica;
    final int idealCachedTokens;
    ResponseInfo response;
    long firstTokenNanos = -1;
    long lastTokenNanos;
    long itlSumNanos;

    InFlight(PlannedRequest planned, EngineRequest engineRequest, RequestHandle handle, SimulatedReplica replica,
            int idealCachedTokens) {
        this.planned = planned;
        this.engineRequest = engineRequest;
        this.handle = handle;
        this.replica = replica;
        this.idealCachedTokens = idealCachedTokens;
    }
}
