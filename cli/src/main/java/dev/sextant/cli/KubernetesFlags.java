package dev.sextant.cli;

import dev.sextant.api.plugin.GoDuration;
import dev.sextant.gateway.kubernetes.LeaderElectionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The {@code sextant serve} flags for Kubernetes beyond the endpoint source itself: where the pool
 * lives, the ports of standalone selector mode, the kubeconfig, and leader election. Names follow
 * GIE's Endpoint Picker where it has the flag.
 */
final class KubernetesFlags {
    @Option(names = "--pool-namespace", paramLabel = "NS",
            description = "Namespace of the InferencePool or of the pods (default: $NAMESPACE, else the service account's"
                    + " or kubeconfig context's, else default).")
    String namespace;

    @Option(names = "--endpoint-target-ports", paramLabel = "PORT,...",
            description = "With --endpoint-selector: the model-server ports of each pod, 1 to 8 (an endpoint per port).")
    String targetPorts;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to use instead of the standard places (in-cluster service account, KUBECONFIG,"
                    + " ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--ha-enable-leader-election",
            description = "Run several replicas: they elect a leader on a Lease and only the leader reports ready.")
    boolean leaderElection;

    @Option(names = "--ha-lease-name", paramLabel = "NAME",
            description = "The Lease the replicas share (default: sextant-<pool-name>, or sextant without a pool).")
    String leaseName;

    @Option(names = "--ha-lease-duration", defaultValue = "15s",
            description = "How long an unrenewed lease stays valid: a crashed leader is replaced after about this long"
                    + " (default: ${DEFAULT-VALUE}).")
    String leaseDuration;

    @Option(names = "--ha-renew-deadline", defaultValue = "10s",
            description = "How long the leader tries to renew before stepping down (default: ${DEFAULT-VALUE}).")
    String renewDeadline;

    @Option(names = "--ha-retry-period", defaultValue = "2s",
            description = "How often the lease is tried or renewed (default: ${DEFAULT-VALUE}).")
    String retryPeriod;

    /**
     * The leader-election options, for a replica named after its pod ({@code POD_NAME}, else
     * {@code HOSTNAME}) plus a random suffix, so a restarted pod never mistakes an old lease for its own.
     */
    LeaderElectionOptions leaderElectionOptions(String leaseNamespace, String poolName, Map<String, String> environment) {
        String lease = leaseName != null ? leaseName : poolName == null ? "sextant" : "sextant-" + poolName;
        String pod = environment.getOrDefault("POD_NAME", environment.getOrDefault("HOSTNAME", "sextant"));
        String identity = pod + "_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            return new LeaderElectionOptions(leaseNamespace, lease, identity, duration("--ha-lease-duration", leaseDuration),
                    duration("--ha-renew-deadline", renewDeadline), duration("--ha-retry-period", retryPeriod));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("leader election: " + e.getMessage(), e);
        }
    }

    /** Whether any of these flags was given: they need a Kubernetes source or leader election. */
    boolean anyGiven() {
        return namespace != null || targetPorts != null || kubeconfig != null || leaseName != null;
    }

    private static Duration duration(String flag, String text) {
        return GoDuration.parse(text).filter(d -> !d.isZero())
                .orElseThrow(() -> new IllegalArgumentException(flag + ": \"" + text
                        + "\" (expected: a duration such as 500ms, 2s or 1m)"));
    }
}
