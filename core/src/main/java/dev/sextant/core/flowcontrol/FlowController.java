package dev.sextant.core.flowcontrol;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Holds requests back while the pool is saturated and lets them go in order: strictly by priority
 * band, between flows of a band by the band's fairness policy, within a flow by its ordering policy.
 *
 * <p>One dispatch thread owns every queue (single writer), so ordering decisions never race; other
 * threads only post commands to it. A waiting request is a {@link CompletableFuture}, not a blocked
 * thread. The thread dispatches while the saturation detector reports room (below 1.0), expires
 * requests past their TTL, and re-checks saturation on every wake-up: when a request arrives,
 * leaves, or completes ({@link #wake()}), and at least every {@code recheck} while requests wait.
 *
 * <p>{@link #manual} builds one without a thread for virtual-time simulation: the caller is the
 * dispatch thread and runs the loop with {@link #pump()}, at least at {@link #nextDueNanos()}.
 */
public final class FlowController implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlowController.class.getName());
    /** Longest sleep of an idle dispatch thread; it is woken explicitly when work arrives. */
    private static final long IDLE_PARK_NANOS = 1_000_000_000L;

    private final FlowQueues queues;
    private final SaturationDetector detector;
    private final Clock clock;
    private final FlowControlObserver observer;
    private final Executor completions;
    private final long recheckNanos;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread dispatcher; // null in manual mode
    private volatile boolean closed;
    private volatile FlowControlStats stats = FlowControlStats.EMPTY;
    private long sequence;
    private boolean handingOver; // dispatcher thread only: a dispatched request not yet scheduled
    private long departures; // dispatcher thread only: requests dispatched or turned away so far

    /**
     * @param completions where waiting requests are resumed (so their continuations never run on the
     *     dispatch thread), e.g. a virtual-thread executor
     * @param recheckNanos how often saturation is re-checked while requests wait (e.g. 5 ms)
     */
    public FlowController(FlowControlSettings settings, SaturationDetector detector, Clock clock,
            FlowControlObserver observer, Executor completions, long recheckNanos) {
        this.queues = new FlowQueues(Objects.requireNonNull(settings, "settings"));
        this.detector = Objects.requireNonNull(detector, "detector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.completions = Objects.requireNonNull(completions, "completions");
        if (recheckNanos < 1) {
            throw new IllegalArgumentException("recheckNanos: " + recheckNanos + " (expected: > 0)");
        }
        this.recheckNanos = recheckNanos;
        this.dispatcher = Thread.ofPlatform().daemon().name("sextant-flow-control").unstarted(this::run);
        dispatcher.start();
    }

    private FlowController(FlowControlSettings settings, SaturationDetector detector, Clock clock,
            FlowControlObserver observer, long recheckNanos) {
        this.queues = new FlowQueues(Objects.requireNonNull(settings, "settings"));
        this.detector = Objects.requireNonNull(detector, "detector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.completions = Runnable::run;
        this.recheckNanos = recheckNanos;
        this.dispatcher = null;
    }

    /**
     * A flow controller without a thread, for a single-threaded simulation driven by {@code clock}:
     * outcomes complete (and their continuations run) inside {@link #pump()}, on the caller's thread.
     *
     * @param recheckNanos how often saturation is re-checked while requests wait, in {@code clock} time
     */
    public static FlowController manual(FlowControlSettings settings, SaturationDetector detector, Clock clock,
            FlowControlObserver observer, long recheckNanos) {
        if (recheckNanos < 1) {
            throw new IllegalArgumentException("recheckNanos: " + recheckNanos + " (expected: > 0)");
        }
        return new FlowController(settings, detector, clock, observer, recheckNanos);
    }

    /**
     * Manual mode: runs the dispatch loop until nothing more can happen at the current time: posted
     * requests queued, expired ones turned away, waiting ones dispatched while the pool has room.
     */
    public void pump() {
        requireManual();
        boolean progress = true;
        while (progress) {
            long before = departures;
            boolean hadCommands = !commands.isEmpty();
            if (closed) {
                runCommands();
                shutDownQueues();
                return;
            }
            loopOnce();
            progress = hadCommands || departures != before || !commands.isEmpty();
        }
    }

    /** Manual mode: when {@link #pump()} must run next even if nothing happens, or Long.MAX_VALUE. */
    public long nextDueNanos() {
        requireManual();
        if (queues.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.min(clock.nanos() + recheckNanos, queues.nextDeadline());
    }

    private void requireManual() {
        if (dispatcher != null) {
            throw new IllegalStateException("not a manual flow controller");
        }
    }

    /** A queued request: its outcome, and a way to withdraw it. */
    public interface Ticket {
        /** Completes when the request is dispatched or turned away. */
        CompletableFuture<FlowOutcome> outcome();

        /** Withdraws the request if it still waits (its client went away): the outcome becomes CLIENT_GONE. */
        void cancel();
    }

    /**
     * Queues {@code request}.
     *
     * @param sizeBytes what it counts against byte capacity (its body size)
     * @param ttlNanos how long it may wait; 0 = until cancelled
     * @param candidates the endpoints it could go to now, for the saturation check
     */
    public Ticket submit(InferenceRequest request, long sizeBytes, long ttlNanos,
            Supplier<List<EndpointSnapshot>> candidates) {
        Objects.requireNonNull(request, "request");
        Waiter w = new Waiter(request, clock.nanos(), ttlNanos, Math.max(0, sizeBytes), -1, candidates);
        post(() -> {
            w.sequence(sequence++);
            if (closed) {
                w.gone = true;
                reject(w, FlowOutcome.Reason.SHUTDOWN, "Sextant is stopping");
            } else if (w.cancelRequested) {
                w.gone = true;
                reject(w, FlowOutcome.Reason.CLIENT_GONE, "the client went away while the request waited");
            } else {
                String full = queues.offer(w);
                if (full != null) {
                    w.gone = true;
                    reject(w, FlowOutcome.Reason.CAPACITY, full);
                }
            }
        });
        return new Ticket() {
            @Override
            public CompletableFuture<FlowOutcome> outcome() {
                return w.outcome;
            }

            @Override
            public void cancel() {
                w.cancelRequested = true;
                post(() -> {
                    if (!w.gone && w.sequence() >= 0) {
                        queues.remove(w);
                        w.gone = true;
                        reject(w, FlowOutcome.Reason.CLIENT_GONE, "the client went away while the request waited");
                    }
                });
            }
        };
    }

    /** Capacity may have changed (a request completed): re-check saturation now (manual mode: at the next pump). */
    public void wake() {
        if (dispatcher != null) {
            LockSupport.unpark(dispatcher);
        }
    }

    /** What is queued now. */
    public FlowControlStats stats() {
        return stats;
    }

    private void post(Runnable command) {
        commands.add(command);
        if (dispatcher != null) {
            LockSupport.unpark(dispatcher);
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void shutDownQueues() {
        for (Waiter w : queues.drain()) {
            w.gone = true;
            reject(w, FlowOutcome.Reason.SHUTDOWN, "Sextant is stopping");
        }
        publishStats();
    }

    /** One turn of the loop: commands, expiry, dispatch. */
    private void loopOnce() {
        runCommands();
        long now = clock.nanos();
        for (Waiter w : queues.expire(now)) {
            w.gone = true;
            reject(w, FlowOutcome.Reason.TTL_EXPIRED, "waited " + (now - w.enqueuedAtNanos()) / 1_000_000
                    + " ms, longer than its time to live");
        }
        dispatch();
        publishStats();
    }

    private void run() {
        while (true) {
            try {
                if (closed) {
                    runCommands();
                    shutDownQueues();
                    if (commands.isEmpty()) {
                        return;
                    }
                    continue;
                }
                loopOnce();
                long park = queues.isEmpty() ? IDLE_PARK_NANOS
                        : Math.max(1, Math.min(recheckNanos, queues.nextDeadline() - clock.nanos()));
                if (commands.isEmpty()) {
                    LockSupport.parkNanos(park);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "flow control dispatch failed; continuing", e);
            }
        }
    }

    /**
     * Lets the head request go when the pool has room. One at a time: the next saturation check
     * waits until the request let go has been scheduled (its continuation ran on {@code completions}),
     * so the load it adds is visible to the detector and a burst of waiters cannot all slip through
     * one gap.
     */
    private void dispatch() {
        Waiter probe;
        if (!handingOver && (probe = queues.probe()) != null) {
            double saturation;
            try {
                saturation = detector.saturation(probe.candidates.get());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "saturation detector failed, treating the pool as saturated: {0}",
                        e.toString());
                return;
            }
            if (saturation >= 1.0) {
                return;
            }
            Waiter w = queues.poll();
            w.gone = true;
            long waited = clock.nanos() - w.enqueuedAtNanos();
            departures++;
            observer.dispatched(w.request(), waited);
            publishStats(); // before the outcome, so whoever it wakes sees the queue without this request
            handingOver = true;
            try {
                completions.execute(() -> {
                    try {
                        w.outcome.complete(new FlowOutcome.Dispatched(waited));
                    } finally {
                        post(() -> handingOver = false);
                    }
                });
            } catch (RuntimeException e) {
                handingOver = false;
                throw e;
            }
        }
    }

    private void reject(Waiter w, FlowOutcome.Reason reason, String message) {
        long waited = clock.nanos() - w.enqueuedAtNanos();
        departures++;
        observer.rejected(w.request(), reason, waited);
        publishStats();
        completions.execute(() -> w.outcome.complete(new FlowOutcome.Rejected(reason, message)));
    }

    private void publishStats() {
        stats = new FlowControlStats(queues.requests(), queues.bytes(), queues.perBand(), queues.flowCount());
    }

    /** Turns away everything still waiting and stops the dispatch thread. */
    @Override
    public void close() {
        closed = true;
        if (dispatcher == null) {
            pump();
            return;
        }
        LockSupport.unpark(dispatcher);
        try {
            dispatcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
