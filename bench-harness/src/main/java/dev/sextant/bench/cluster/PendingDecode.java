package dev.sextant.bench.cluster;

import dev.sextant.bench.workload.PlannedRequest;
import dev.sextant.core.requestcontrol.RequestHandle;

/**
 * A disaggregated request whose prefill leg is running on a prefill replica: what the decode leg needs
 * once it finishes, as the routing sidecar would hold it.
 *
 * @param planned the request
 * @param tokens its prompt
 * @param idealCachedTokens what an ideal cluster-wide prefix cache would have held
 * @param handle the request's lifecycle, for the decode endpoint
 * @param decode where the decode leg runs
 * @param prefill where the prefill leg runs
 */
record PendingDecode(PlannedRequest planned, int[] tokens, int idealCachedTokens, RequestHandle handle,
        SimulatedReplica decode, SimulatedReplica prefill) {}
