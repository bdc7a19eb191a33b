package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.EndpointSnapshot;
import java.util.Objects;

/**
 * Everything the data layer knows about one endpoint at one moment. Immutable.
 *
 * @param snapshot what scorers see: the endpoint, its latest metrics and attributes
 * @param health whether it is eligible for requests
 * @param consecutiveFailures scrapes failed in a row since the last success
 * @param lastError the message of the last failed scrape, empty when the last scrape succeeded
 * @param lastAttemptNanos clock reading of the last scrape attempt, 0 when none
 */
public record EndpointState(EndpointSnapshot snapshot, Health health, int consecutiveFailures, String lastError,
        long lastAttemptNanos) {

    public EndpointState {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** The state of an endpoint just discovered. */
    static EndpointState discovered(EndpointSnapshot snapshot) {
        return new EndpointState(snapshot, Health.UNKNOWN, 0, "", 0);
    }

    /** After a successful scrape that produced {@code next}. */
    public EndpointState succeeded(EndpointSnapshot next, long nowNanos) {
        return new EndpointState(next, Health.HEALTHY, 0, "", nowNanos);
    }

    /** After a failed scrape; unhealthy once {@code threshold} failures in a row are reached. */
    public EndpointState failed(String error, int threshold, long nowNanos) {
        int failures = consecutiveFailures + 1;
        Health next = failures >= threshold ? Health.UNHEALTHY : health;
        return new EndpointState(snapshot, next, failures, error, nowNanos);
    }
}
