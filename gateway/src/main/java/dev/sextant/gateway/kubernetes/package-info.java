/**
 * Sextant in Kubernetes: endpoint discovery from an InferencePool (or a fixed pod selector) with
 * fabric8 informers, and leader election on a Lease for high availability.
 *
 * <p>Everything read from the cluster is treated as hostile: a malformed pool or pod is logged and
 * skipped. Depends on {@code core} (the {@code EndpointSource} contract) and the gateway's
 * readiness gate; nothing outside this package depends on fabric8.
 */
package dev.sextant.gateway.kubernetes;
