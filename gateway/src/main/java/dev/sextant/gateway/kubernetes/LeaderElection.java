package dev.sextant.gateway.kubernetes;

import dev.sextant.api.SextantException;
import dev.sextant.gateway.ReadinessFlag;
import dev.sextant.gateway.ReadinessGate;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This replica's part in leader election on a Lease: a {@link ReadinessGate} open while it leads.
 *
 * <p>Only the leader reports ready, so the Service in front of the replicas sends traffic to one of
 * them; the others keep discovering endpoints and scraping metrics, as hot standbys. A replica
 * that loses the lease (it could not renew in time) stays up and competes again, instead of
 * exiting as controller-runtime does: its state is as fresh as a newcomer's.
 *
 * <p>RBAC: {@code get, create, update, patch} on {@code leases.coordination.k8s.io} in the namespace.
 */
public final class LeaderElection implements ReadinessGate, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());

    private final KubernetesClient client;
    private final LeaderElectionOptions options;
    private final ReadinessFlag leading = new ReadinessFlag(false);
    private LeaderElector elector;
    private CompletableFuture<?> round;
    private boolean closed;

    /** An election that starts with {@link #start}. */
    public LeaderElection(KubernetesClient client, LeaderElectionOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Checks that the Lease can be read, then starts competing for it in the background.
     *
     * @throws SextantException when the API server cannot be reached or refuses access to leases
     */
    public void start() {
        try {
            client.resources(Lease.class).inNamespace(options.namespace()).withName(options.leaseName()).get();
        } catch (RuntimeException e) {
            throw KubernetesClients.explain(client, "read Lease " + options.namespace() + "/" + options.leaseName(),
                    "get, create, update, patch on leases.coordination.k8s.io in namespace " + options.namespace(), e);
        }
        LOG.log(System.Logger.Level.INFO, "leader election started: lease={0}/{1} identity={2}", options.namespace(),
                options.leaseName(), options.identity());
        startRound();
    }

    /** Whether this replica holds the lease now. */
    public boolean isLeader() {
        return leading.isOpen();
    }

    @Override
    public boolean isOpen() {
        return leading.isOpen();
    }

    @Override
    public void onChange(Runnable callback) {
        leading.onChange(callback);
    }

    private synchronized void startRound() {
        if (closed) {
            return;
        }
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(options.namespace(), options.leaseName(), options.identity()), options.leaseDuration(),
                options.renewDeadline(), options.retryPeriod(),
                new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::leaderIs),
                false, options.leaseName());
        LeaderElector next = client.leaderElector().withConfig(config).build();
        elector = next;
        round = next.start();
        round.whenComplete((ignored, failure) -> roundEnded(next, failure));
    }

    /** A round ends when leadership is lost (or the election stopped); unless closed, compete again. */
    private void roundEnded(LeaderElector ended, Throwable failure) {
        leading.set(false);
        synchronized (this) {
            if (closed || ended != elector) {
                return;
            }
        }
        if (failure != null && !(failure instanceof java.util.concurrent.CancellationException)) {
            LOG.log(System.Logger.Level.WARNING, "leader election round failed, trying again: lease={0}/{1} error={2}",
                    options.namespace(), options.leaseName(), failure.toString());
        }
        CompletableFuture.runAsync(this::startRound, CompletableFuture.delayedExecutor(
                options.retryPeriod().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void startedLeading() {
        LOG.log(System.Logger.Level.INFO, "this replica now leads: lease={0}/{1} identity={2}", options.namespace(),
                options.leaseName(), options.identity());
        leading.set(true);
    }

    private void stoppedLeading() {
        if (leading.isOpen()) {
            LOG.log(System.Logger.Level.WARNING, "this replica no longer leads: lease={0}/{1} identity={2}",
                    options.namespace(), options.leaseName(), options.identity());
        }
        leading.set(false);
    }

    private void leaderIs(String identity) {
        LOG.log(System.Logger.Level.INFO, "leader: lease={0}/{1} holder={2}", options.namespace(), options.leaseName(),
                identity);
    }

    /** Stops competing and, if this replica leads, releases the lease so another takes over at once. */
    @Override
    public void close() {
        LeaderElector last = stop();
        if (last != null) {
            try {
                last.release();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not release the lease, it expires on its own: lease={0}/{1}"
                        + " error={2}", options.namespace(), options.leaseName(), e.toString());
            }
        }
        leading.set(false);
    }

    /** Stops competing without releasing the lease, as a crashed or partitioned replica would (for tests). */
    void abandon() {
        stop();
        leading.set(false);
    }

    private LeaderElector stop() {
        CompletableFuture<?> running;
        LeaderElector last;
        synchronized (this) {
            closed = true;
            running = round;
            last = elector;
        }
        if (running != null) {
            running.cancel(true);
        }
        return last;
    }
}
