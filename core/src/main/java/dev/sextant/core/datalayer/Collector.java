package dev.sextant.core.datalayer;

import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls one data source for one endpoint, over and over: at most one poll in flight, a watchdog
 * that fails a poll running past the timeout (and interrupts it), extractors turning the output into
 * the next snapshot, health updated on every outcome, and back-off while the endpoint keeps failing.
 */
final class Collector {
    private static final System.Logger LOG = System.getLogger(Collector.class.getName());

    private final EndpointId endpoint;
    private final SourceBinding binding;
    private final EndpointStore store;
    private final DataLayerOptions options;
    private final Clock clock;
    private final TimerService timer;
    private final Executor executor;
    private final DataLayerObserver observer;
    private volatile boolean closed;
    private volatile TimerService.Cancellable next;

    Collector(EndpointId endpoint, SourceBinding binding, EndpointStore store, DataLayerOptions options, Clock clock,
            TimerService timer, Executor executor, DataLayerObserver observer) {
        this.endpoint = endpoint;
        this.binding = binding;
        this.store = store;
        this.options = options;
        this.clock = clock;
        this.timer = timer;
        this.executor = executor;
        this.observer = observer;
    }

    void start() {
        scheduleNext(0);
    }

    void close() {
        closed = true;
        TimerService.Cancellable n = next;
        if (n != null) {
            n.cancel();
        }
    }

    private void scheduleNext(long delayNanos) {
        if (!closed) {
            next = timer.schedule(delayNanos, this::pollOnce);
        }
    }

    /** One attempt; completes exactly once, by the poll or by the watchdog. */
    private final class Attempt implements Runnable {
        private final long startNanos = clock.nanos();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Thread runner;
        private TimerService.Cancellable watchdog;

        @Override
        public void run() {
            runner = Thread.currentThread();
            try {
                EndpointState state = store.state(endpoint);
                if (state == null || closed) {
                    finish(null, null);
                    return;
                }
                Object data = binding.source().poll(state.snapshot().endpoint());
                SnapshotUpdate update = extract(state.snapshot(), data);
                String unusable = update.unusableReason();
                if (unusable != null) {
                    finish(null, unusable);
                } else {
                    finish(update.build(clock.nanos()), null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(null, "interrupted");
            } catch (Exception | LinkageError e) {
                finish(null, describe(e));
            } finally {
                runner = null;
            }
        }

        void timedOut() {
            if (finish(null, "no answer within " + options.timeout().toMillis() + " ms")) {
                Thread t = runner;
                if (t != null) {
                    t.interrupt();
                }
            }
        }

        private boolean finish(EndpointSnapshot next, String error) {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            if (watchdog != null) {
                watchdog.cancel();
            }
            long now = clock.nanos();
            if (next != null) {
                store.update(endpoint, s -> s.succeeded(next, now));
            } else if (error != null) {
                store.update(endpoint, s -> s.failed(error, options.failureThreshold(), now));
                LOG.log(System.Logger.Level.DEBUG, "poll failed: endpoint={0} source={1} error={2}", endpoint,
                        binding.source().name(), error);
            }
            observer.pollCompleted(endpoint, binding.source().name(), now - startNanos, error == null ? "" : error);
            EndpointState after = store.state(endpoint);
            scheduleNext(options.nextDelayNanos(after == null ? 0 : after.consecutiveFailures()));
            return true;
        }
    }

    private void pollOnce() {
        if (closed) {
            return;
        }
        Attempt attempt = new Attempt();
        attempt.watchdog = timer.schedule(options.timeout().toNanos(), attempt::timedOut);
        try {
            executor.execute(attempt);
        } catch (RejectedExecutionException e) {
            attempt.finish(null, "poll executor is shut down");
        }
    }

    private SnapshotUpdate extract(EndpointSnapshot current, Object data) {
        SnapshotUpdate update = new SnapshotUpdate(current);
        for (Extractor<?> extractor : binding.extractors()) {
            apply(extractor, data, update);
        }
        return update;
    }

    private static <T> void apply(Extractor<T> extractor, Object data, SnapshotUpdate update) {
        if (!extractor.inputType().isInstance(data)) {
            throw new IllegalStateException("extractor '" + extractor.name() + "' reads "
                    + extractor.inputType().getSimpleName() + " but got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        extractor.extract(extractor.inputType().cast(data), update);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
