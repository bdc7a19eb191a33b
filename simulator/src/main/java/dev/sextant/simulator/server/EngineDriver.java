package dev.sextant.simulator.server;

import dev.sextant.api.time.Clock;
import dev.sextant.simulator.engine.Completion;
import dev.sextant.simulator.engine.EngineConfig;
import dev.sextant.simulator.engine.EngineListener;
import dev.sextant.simulator.engine.EngineRequest;
import dev.sextant.simulator.engine.KvEventSink;
import dev.sextant.simulator.engine.ReplicaEngine;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one {@link ReplicaEngine} on one event-loop thread, in wall-clock time (optionally sped up)
 * or in instant mode (virtual time that jumps to the end of the work at once). Every engine call
 * happens on that thread, so the engine needs no locks; other threads hand work over with
 * {@link #submit}, {@link #cancel} and {@link #read}.
 */
final class EngineDriver implements EngineListener {
    private final ReplicaEngine engine;
    private final EventExecutor executor;
    private final Clock clock;
    private final double timeScale;
    private final boolean instant;
    private final int maxWaiting;
    private final long originNanos;
    private final long originEpochMillis;
    private final Map<EngineRequest, RequestObserver> observers = new IdentityHashMap<>();
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private boolean closed;

    /** What one request's HTTP exchange wants to hear; called on the engine's thread. */
    interface RequestObserver {
        default void firstToken(long nanos, int cachedTokens) {}

        default void token(long nanos, int outputTokens) {}

        void finished(Completion completion);

        /** The request was refused before it reached the engine (queue full, replica closing). */
        void rejected(String reason);
    }

    EngineDriver(EngineConfig config, Function<EngineDriver, KvEventSink> sinkFactory, EventExecutor executor,
            Clock clock, double timeScale, boolean instant, int maxWaiting) {
        this.executor = executor;
        this.clock = clock;
        this.timeScale = timeScale;
        this.instant = instant;
        this.maxWaiting = maxWaiting;
        this.originNanos = clock.nanos();
        this.originEpochMillis = clock.epochMillis();
        this.engine = new ReplicaEngine(config, this, sinkFactory.apply(this));
    }

    /** Unix seconds of an engine time, for KV-event timestamps. */
    double epochSeconds(long engineNanos) {
        return originEpochMillis / 1e3 + engineNanos / timeScale / 1e9;
    }

    /** Why the engine could never serve this request, or null. Thread-safe (reads configuration only). */
    String rejectionReason(EngineRequest request) {
        return engine.rejectionReason(request);
    }

    void submit(EngineRequest request, RequestObserver observer) {
        executor.execute(() -> {
            if (closed) {
                observer.rejected("the replica is shutting down");
                return;
            }
            if (engine.waitingCount() >= maxWaiting) {
                observer.rejected("the waiting queue is full (" + maxWaiting + " requests)");
                return;
            }
            observers.put(request, observer);
            engine.submit(request, engineNow());
            pump();
        });
    }

    void cancel(EngineRequest request) {
        executor.execute(() -> {
            if (!closed && observers.containsKey(request)) {
                engine.advanceTo(engineNow());
                engine.cancel(request);
                pump();
            }
        });
    }

    /** Runs {@code reader} on the engine's thread after bringing the engine up to date. */
    <T> CompletableFuture<T> read(Function<ReplicaEngine, T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                if (!closed && !instant) {
                    engine.advanceTo(engineNow());
                    pump();
                }
                result.complete(reader.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Stops the engine; requests still in flight are told they were refused. Runs {@code then} on the engine's thread. */
    CompletableFuture<Void> close(Runnable then) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> {
            closed = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            List<RequestObserver> pending = new ArrayList<>(observers.values());
            observers.clear();
            for (RequestObserver o : pending) {
                o.rejected("the replica is shutting down");
            }
            try {
                then.run();
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private long engineNow() {
        if (instant) {
            return engine.now();
        }
        long wall = (long) ((clock.nanos() - originNanos) * timeScale);
        return Math.max(engine.now(), wall);
    }

    private void pump() {
        if (closed) {
            return;
        }
        if (instant) {
            engine.runUntilIdle();
            return;
        }
        engine.advanceTo(engineNow());
        long next = engine.nextEventTime();
        if (next == Long.MAX_VALUE || (timer != null && timerAt <= next)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        long delay = (long) Math.ceil((next - engineNow()) / timeScale);
        timerAt = next;
        timer = executor.schedule(this::onTimer, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        timerAt = Long.MAX_VALUE;
        pump();
    }

    @Override
    public void firstToken(EngineRequest request, long nanos, int cachedTokens) {
        RequestObserver o = observers.get(request);
        if (o != null) {
            o.firstToken(nanos, cachedTokens);
        }
    }

    @Override
    public void token(EngineRequest request, long nanos, int outputTokens) {
        RequestObserver o = observers.get(request);
        if (o != null) {
            o.token(nanos, outputTokens);
        }
    }

    @Override
    public void finished(Completion completion) {
        RequestObserver o = observers.remove(completion.request());
        if (o != null) {
            o.finished(completion);
        }
    }
}
