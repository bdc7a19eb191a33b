package dev.sextant.gateway.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a replica takes part in leader election on a {@code coordination.k8s.io/v1} Lease.
 *
 * <p>The leader renews the lease every {@code retryPeriod}; if it cannot renew for
 * {@code renewDeadline} it steps down, and another replica takes the lease once it has not been
 * renewed for {@code leaseDuration}. So a crashed leader is replaced after at most about
 * {@code leaseDuration + retryPeriod}, and one that is shut down cleanly releases the lease at once.
 *
 * @param namespace the Lease's namespace
 * @param leaseName the Lease's name, shared by the replicas of one Sextant deployment
 * @param identity this replica's name in the Lease, unique among the replicas
 * @param leaseDuration how long a lease that is not renewed stays valid
 * @param renewDeadline how long the leader keeps trying to renew before it steps down
 * @param retryPeriod how often the lease is tried or renewed
 */
public record LeaderElectionOptions(String namespace, String leaseName, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {
    /** The defaults of controller-runtime, which GIE's Endpoint Picker uses. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    /** See {@link #DEFAULT_LEASE_DURATION}. */
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    /** See {@link #DEFAULT_LEASE_DURATION}. */
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    // The jitter client-go and fabric8 add to the retry period.
    private static final double JITTER = 1.2;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public LeaderElectionOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        if (!DNS_SUBDOMAIN.matcher(leaseName).matches()) {
            throw new IllegalArgumentException("leaseName: \"" + leaseName
                    + "\" (expected: a DNS subdomain name: lower-case letters, digits, '-' and '.')");
        }
        if (identity.isBlank()) {
            throw new IllegalArgumentException("identity: blank (expected: a unique name for this replica)");
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("retryPeriod: " + retryPeriod + " (expected: > 0)");
        }
        if (renewDeadline.toMillis() <= JITTER * retryPeriod.toMillis()) {
            throw new IllegalArgumentException("renewDeadline: " + renewDeadline + " (expected: > " + JITTER
                    + " x retryPeriod " + retryPeriod + ")");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration: " + leaseDuration + " (expected: > renewDeadline "
                    + renewDeadline + ")");
        }
    }

    /** Options with the default timing. */
    public static LeaderElectionOptions withDefaultTiming(String namespace, String leaseName, String identity) {
        return new LeaderElectionOptions(namespace, leaseName, identity, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_DEADLINE,
                DEFAULT_RETRY_PERIOD);
    }
}
