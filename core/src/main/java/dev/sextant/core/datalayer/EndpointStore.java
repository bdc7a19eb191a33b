package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The current state of every endpoint. Writers (discovery, collectors) replace one endpoint's
 * immutable state at a time; readers get an immutable {@link EndpointView}, rebuilt lazily when
 * something changed, so the request path never locks or copies per request.
 *
 * <p>Thread-safe. Views are published in version order: a reader never sees an older view after a
 * newer one.
 */
public final class EndpointStore {
    private final ConcurrentHashMap<EndpointId, EndpointState> states = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong(1);
    private final Object rebuild = new Object();
    private volatile EndpointView view = EndpointView.EMPTY;

    /**
     * Makes the known endpoints exactly {@code endpoints}: new ones are added with unknown metrics,
     * missing ones removed, and changed ones (labels, name, models) keep their metrics.
     *
     * @return the ids that were added and removed
     */
    public Membership setEndpoints(Collection<Endpoint> endpoints) {
        Set<EndpointId> wanted = new HashSet<>();
        List<EndpointId> added = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (!wanted.add(e.id())) {
                continue;
            }
            EndpointState previous = states.get(e.id());
            if (previous == null) {
                states.put(e.id(), EndpointState.discovered(EndpointSnapshot.of(e)));
                added.add(e.id());
            } else if (!previous.snapshot().endpoint().equals(e)) {
                states.computeIfPresent(e.id(), (id, s) -> new EndpointState(
                        new EndpointSnapshot(e, s.snapshot().metrics(), s.snapshot().attributes()),
                        s.health(), s.consecutiveFailures(), s.lastError(), s.lastAttemptNanos()));
            }
        }
        List<EndpointId> removed = new ArrayList<>();
        for (EndpointId id : states.keySet()) {
            if (!wanted.contains(id)) {
                states.remove(id);
                removed.add(id);
            }
        }
        version.incrementAndGet();
        return new Membership(List.copyOf(added), List.copyOf(removed));
    }

    /** Endpoints added and removed by one {@link #setEndpoints} call. */
    public record Membership(List<EndpointId> added, List<EndpointId> removed) {}

    /** Replaces the state of {@code id} if it is still known; a late update for a removed endpoint is dropped. */
    public void update(EndpointId id, UnaryOperator<EndpointState> change) {
        if (states.computeIfPresent(id, (k, s) -> change.apply(s)) != null) {
            version.incrementAndGet();
        }
    }

    /** The state of {@code id}, or null if it is not known. */
    public EndpointState state(EndpointId id) {
        return states.get(id);
    }

    /** The current view; rebuilt only if something changed since the last one. */
    public EndpointView view() {
        EndpointView current = view;
        if (current.version() == version.get()) {
            return current;
        }
        synchronized (rebuild) {
            long target = version.get();
            current = view;
            if (current.version() >= target) {
                return current;
            }
            List<EndpointState> all = new ArrayList<>(states.values());
            all.sort(Comparator.comparing(s -> s.snapshot().id()));
            EndpointView next = new EndpointView(target, all);
            view = next;
            return next;
        }
    }
}
