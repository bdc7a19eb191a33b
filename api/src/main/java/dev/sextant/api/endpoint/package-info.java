/** Endpoints (model-server replicas), their identity, labels and immutable metric snapshots. */
package dev.sextant.api.endpoint;
