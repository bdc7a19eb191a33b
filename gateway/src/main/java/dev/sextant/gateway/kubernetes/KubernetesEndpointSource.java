package dev.sextant.gateway.kubernetes;

import dev.sextant.api.SextantException;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.datalayer.EndpointSource;
import dev.sextant.gateway.ReadinessFlag;
import dev.sextant.gateway.ReadinessGate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Endpoints discovered in Kubernetes: the Ready, non-terminating pods an InferencePool selects (or a
 * fixed selector, without a pool), one endpoint per pod and target port the pod serves.
 *
 * <p>Informers keep a local copy of the pods and the pool: a lost watch is reconnected, and the
 * informer lists again when the server no longer has the history it needs, so the endpoint set
 * converges on the cluster's state without a restart. Every change to the pool or to a pod is
 * applied at once, and the complete set is reported when it changed. A malformed pool or pod is
 * logged and skipped, never fatal; an invalid pool update leaves the previous selection in force.
 *
 * <p>RBAC: {@code get, list, watch} on pods in the namespace, and on {@code inferencepools} of
 * {@value InferencePool#GROUP} in pool mode.
 */
public final class KubernetesEndpointSource implements EndpointSource {
    private static final System.Logger LOG = System.getLogger(KubernetesEndpointSource.class.getName());

    private final KubernetesClient client;
    private final DiscoveryTarget target;
    private final Duration syncTimeout;
    private final ReadinessFlag poolKnown;
    private final PoolMembers members;
    private final Object lock = new Object();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private Consumer<List<Endpoint>> listener;
    private List<Endpoint> reported;
    private InferencePool.Spec poolSpec;

    /**
     * A source that watches {@code target} through {@code client} once started.
     *
     * @param syncTimeout how long {@link #start} waits for the first complete list before failing
     */
    public KubernetesEndpointSource(KubernetesClient client, DiscoveryTarget target, Duration syncTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.target = Objects.requireNonNull(target, "target");
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (syncTimeout.isNegative() || syncTimeout.isZero()) {
            throw new IllegalArgumentException("syncTimeout: " + syncTimeout + " (expected: > 0)");
        }
        this.members = new PoolMembers(target.namespace());
        switch (target) {
            case DiscoveryTarget.Pool pool -> poolKnown = new ReadinessFlag(false);
            case DiscoveryTarget.Selector selector -> {
                poolKnown = new ReadinessFlag(true);
                members.select(selector.selection());
            }
        }
    }

    /**
     * Open while there is a valid InferencePool to route for (always, without a pool). GIE's Endpoint
     * Picker is not ready either until its pool is known.
     */
    public ReadinessGate poolKnown() {
        return poolKnown;
    }

    /**
     * Lists the pool and its pods, reports the endpoints, then follows changes.
     *
     * @throws SextantException when the API server cannot be reached, refuses access (RBAC), does not
     *     serve InferencePools, or does not answer within the sync timeout
     */
    @Override
    public void start(Consumer<List<Endpoint>> endpointListener) {
        Objects.requireNonNull(endpointListener, "endpointListener");
        synchronized (lock) {
            if (listener != null) {
                throw new IllegalStateException("already started");
            }
            listener = endpointListener;
        }
        String ns = target.namespace();
        switch (target) {
            case DiscoveryTarget.Pool pool -> {
                // Watched by name: the one pool this picker serves.
                SharedIndexInformer<GenericKubernetesResource> poolInformer = client
                        .genericKubernetesResources(InferencePool.definition()).inNamespace(ns).withName(pool.name())
                        .runnableInformer(0);
                PoolHandler poolHandler = new PoolHandler();
                poolInformer.addEventHandler(poolHandler);
                startAndAwait(poolInformer, "watch InferencePool " + ns + "/" + pool.name(),
                        "get, list, watch on " + InferencePool.PLURAL + "." + InferencePool.GROUP + " in namespace " + ns);
                // All pods of the namespace, filtered here, so a changed pool selector needs no new watch.
                SharedIndexInformer<Pod> podInformer = client.pods().inNamespace(ns).runnableInformer(0);
                PodHandler podHandler = new PodHandler();
                podInformer.addEventHandler(podHandler);
                startAndAwait(podInformer, "watch pods in namespace " + ns, "get, list, watch on pods in namespace " + ns);
                poolInformer.getStore().list().forEach(poolHandler::onAdd);
                podInformer.getStore().list().forEach(podHandler::onAdd);
            }
            case DiscoveryTarget.Selector selector -> {
                SharedIndexInformer<Pod> podInformer = client.pods().inNamespace(ns)
                        .withLabels(selector.selection().matchLabels()).runnableInformer(0);
                PodHandler podHandler = new PodHandler();
                podInformer.addEventHandler(podHandler);
                startAndAwait(podInformer, "watch pods in namespace " + ns, "get, list, watch on pods in namespace " + ns);
                podInformer.getStore().list().forEach(podHandler::onAdd);
            }
        }
        synchronized (lock) {
            if (target instanceof DiscoveryTarget.Pool && members.selection() == null) {
                LOG.log(System.Logger.Level.WARNING, "no valid InferencePool yet, no endpoints until there is: {0}", target);
            }
            publish();
        }
    }

    /**
     * Starts {@code informer} and waits until its cache holds the first complete list. Its handlers are
     * called on the informer's own thread and may not have seen every listed object by then, so
     * {@link #start} also applies each cached object itself (applying one twice changes nothing): the
     * first report is complete when {@code start} returns.
     */
    private <T> void startAndAwait(SharedIndexInformer<T> informer, String doing, String rbac) {
        synchronized (lock) {
            informers.add(informer);
        }
        CompletableFuture<Void> started = informer.start().toCompletableFuture();
        try {
            started.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new SextantException("Kubernetes: cannot " + doing + ": no complete answer from "
                    + client.getConfiguration().getMasterUrl() + " within " + syncTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            close();
            throw KubernetesClients.explain(client, doing, rbac, e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new SextantException("Kubernetes: interrupted while trying to " + doing, e);
        }
    }

    /** Reports the endpoint set if it changed since the last report; called with the lock held. */
    private void publish() {
        if (listener == null) {
            return;
        }
        List<Endpoint> now = members.endpoints();
        if (now.equals(reported)) {
            return;
        }
        reported = now;
        LOG.log(System.Logger.Level.INFO, "endpoints changed: source={0} endpoints={1}", target, String.valueOf(now.size()));
        try {
            listener.accept(now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "endpoint listener failed: source=" + target, e);
        }
    }

    @Override
    public String describe() {
        return target.toString();
    }

    /** Stops the informers; no report follows. */
    @Override
    public void close() {
        List<SharedIndexInformer<?>> running;
        synchronized (lock) {
            running = List.copyOf(informers);
            informers.clear();
            listener = null;
        }
        running.forEach(SharedIndexInformer::stop);
    }

    /** Pod events: every one replaces what is known of the pod. */
    private final class PodHandler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            update(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            update(after);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            if (pod == null || pod.getMetadata() == null || pod.getMetadata().getName() == null) {
                return;
            }
            synchronized (lock) {
                members.remove(pod.getMetadata().getName());
                publish();
            }
        }

        private void update(Pod pod) {
            if (pod == null || pod.getMetadata() == null || pod.getMetadata().getName() == null) {
                return;
            }
            ModelServerPod read = ModelServerPod.of(pod);
            synchronized (lock) {
                members.put(read);
                publish();
            }
        }
    }

    /** InferencePool events: a valid spec becomes the selection; an invalid one is reported and ignored. */
    private final class PoolHandler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource pool) {
            update(pool);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            update(after);
        }

        @Override
        public void onDelete(GenericKubernetesResource pool, boolean finalStateUnknown) {
            synchronized (lock) {
                LOG.log(System.Logger.Level.WARNING, "InferencePool deleted, no endpoints until it is back: pool={0}",
                        target);
                poolSpec = null;
                members.select(null);
                publish();
            }
            poolKnown.set(false);
        }

        private void update(GenericKubernetesResource pool) {
            if (pool.getMetadata() != null && pool.getMetadata().getDeletionTimestamp() != null) {
                onDelete(pool, false);
                return;
            }
            InferencePool.Spec spec;
            try {
                spec = InferencePool.spec(pool);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "InferencePool is invalid, ignored: pool={0} problem={1} keeping={2}",
                        target, e.getMessage(), members.selection() == null ? "nothing" : members.selection());
                return;
            }
            synchronized (lock) {
                if (!spec.equals(poolSpec)) {
                    LOG.log(System.Logger.Level.INFO,
                            "InferencePool accepted: pool={0} selector={1} picker={2}:{3} failureMode={4}", target,
                            spec.selection(), spec.picker().name(), String.valueOf(spec.picker().port()), spec.picker().failureMode());
                }
                poolSpec = spec;
                members.select(spec.selection());
                publish();
            }
            poolKnown.set(true);
        }
    }
}
