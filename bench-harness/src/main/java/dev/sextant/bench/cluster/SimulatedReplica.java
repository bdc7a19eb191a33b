package dev.sextant.bench.cluster;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.simulator.engine.ReplicaEngine;

/**
 * One replica of the simulated cluster: its position, its address as the router knows it, and its engine.
 *
 * @param index position in the cluster, from 0
 * @param endpoint the endpoint the router routes to
 * @param engine the engine behind it
 */
record SimulatedReplica(int index, Endpoint endpoint, ReplicaEngine engine) {

    /** The address of replica {@code index}: 10.0.x.y:8000, as pods of one pool would have. */
    static EndpointId address(int index) {
        return new EndpointId("10.0." + (index / 250) + "." + (index % 250 + 1), 8000);
    }

    EndpointId id() {
        return endpoint.id();
    }
}
