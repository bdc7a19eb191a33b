package dev.sextant.core.datalayer;

import dev.sextant.api.datalayer.EndpointSetListener;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The data-layer runtime: keeps one {@link Collector} per endpoint and data source, started and
 * stopped as endpoints come and go, all writing into one {@link EndpointStore}.
 *
 * <p>Time and threads are injected: in production a platform timer and virtual threads, in the
 * simulator a virtual clock and its event queue.
 */
public final class DataLayer implements AutoCloseable {
    private final EndpointStore store;
    private final List<SourceBinding> sources;
    private final DataLayerOptions options;
    private final Clock clock;
    private final TimerService timer;
    private final Executor executor;
    private final DataLayerObserver observer;
    private final Map<EndpointId, List<Collector>> collectors = new HashMap<>();
    private final List<EndpointSetListener> listeners = new ArrayList<>();
    private boolean closed;

    public DataLayer(EndpointStore store, List<SourceBinding> sources, DataLayerOptions options, Clock clock,
            TimerService timer, Executor executor, DataLayerObserver observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.sources = List.copyOf(sources);
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.observer = Objects.requireNonNull(observer, "observer");
        for (SourceBinding binding : this.sources) {
            binding.source().boundTo(binding.extractors());
        }
    }

    /** The store this data layer writes into. */
    public EndpointStore store() {
        return store;
    }

    /** The options in effect. */
    public DataLayerOptions options() {
        return options;
    }

    /**
     * Reports endpoint additions and removals to {@code listener} from now on; endpoints already known are
     * reported as additions at once.
     */
    public synchronized void addEndpointSetListener(EndpointSetListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        for (var state : store.view().all()) {
            listener.endpointAdded(state.snapshot().endpoint());
        }
    }

    /** Makes the endpoint set exactly {@code endpoints}, starting and stopping collection as needed. */
    public synchronized void onEndpoints(List<Endpoint> endpoints) {
        if (closed) {
            return;
        }
        EndpointStore.Membership change = store.setEndpoints(endpoints);
        for (EndpointId id : change.removed()) {
            List<Collector> gone = collectors.remove(id);
            if (gone != null) {
                gone.forEach(Collector::close);
            }
            listeners.forEach(l -> l.endpointRemoved(id));
        }
        for (EndpointId id : change.added()) {
            List<Collector> list = new ArrayList<>(sources.size());
            for (SourceBinding source : sources) {
                Collector c = new Collector(id, source, store, options, clock, timer, executor, observer);
                list.add(c);
                c.start();
            }
            collectors.put(id, list);
        }
        if (!listeners.isEmpty()) {
            for (Endpoint endpoint : endpoints) {
                if (change.added().contains(endpoint.id())) {
                    listeners.forEach(l -> l.endpointAdded(endpoint));
                }
            }
        }
    }

    /** Stops every collector; the store keeps its last state. */
    @Override
    public synchronized void close() {
        closed = true;
        collectors.values().forEach(list -> list.forEach(Collector::close));
        collectors.clear();
    }
}
