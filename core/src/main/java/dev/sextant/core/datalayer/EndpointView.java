package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable view of every endpoint at one moment: what the request path reads. Candidate lists
 * per model are computed once per view and then shared, so routing a request allocates no list.
 */
public final class EndpointView {
    static final EndpointView EMPTY = new EndpointView(0, List.of());

    private final long version;
    private final List<EndpointState> all;
    private final List<EndpointSnapshot> eligible;
    private final Map<String, List<EndpointSnapshot>> byModel = new ConcurrentHashMap<>();

    EndpointView(long version, List<EndpointState> all) {
        this.version = version;
        this.all = List.copyOf(all);
        List<EndpointSnapshot> ok = new ArrayList<>(all.size());
        for (EndpointState s : all) {
            if (s.health().isEligible()) {
                ok.add(s.snapshot());
            }
        }
        this.eligible = List.copyOf(ok);
    }

    long version() {
        return version;
    }

    /** Every known endpoint with its state, healthy or not, ordered by address. */
    public List<EndpointState> all() {
        return all;
    }

    /** Endpoints eligible for requests (not unhealthy). */
    public List<EndpointSnapshot> eligible() {
        return eligible;
    }

    /** Eligible endpoints that may serve {@code model} (they list it, or list no models at all). */
    public List<EndpointSnapshot> candidatesFor(String model) {
        List<EndpointSnapshot> cached = byModel.get(model);
        if (cached != null) {
            return cached;
        }
        List<EndpointSnapshot> out = new ArrayList<>(eligible.size());
        for (EndpointSnapshot s : eligible) {
            if (s.endpoint().servesModel(model)) {
                out.add(s);
            }
        }
        List<EndpointSnapshot> result = List.copyOf(out);
        // Bounded: only models some request named; a flood of random names is capped by clearing.
        if (byModel.size() > 1_000) {
            byModel.clear();
        }
        byModel.put(model, result);
        return result;
    }

    /** Whether any known endpoint, eligible or not, declares {@code model} or accepts any model. */
    public boolean isModelKnown(String model) {
        for (EndpointState s : all) {
            if (s.snapshot().endpoint().servesModel(model)) {
                return true;
            }
        }
        return false;
    }

    /** The state of {@code id}, or null. */
    public EndpointState state(EndpointId id) {
        for (EndpointState s : all) {
            if (s.snapshot().id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
