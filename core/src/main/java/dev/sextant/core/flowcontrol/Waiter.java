package dev.sextant.core.flowcontrol;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.QueuedRequest;
import dev.sextant.api.request.InferenceRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A request waiting in flow control, with what it waits for. Owned by the dispatch thread. */
final class Waiter implements QueuedRequest {
    private final InferenceRequest request;
    private final long enqueuedAtNanos;
    private final long deadlineNanos;
    private final long sizeBytes;
    private long sequence;
    final Supplier<List<EndpointSnapshot>> candidates;
    final CompletableFuture<FlowOutcome> outcome = new CompletableFuture<>();
    /** Whether it left the queues (dispatched, rejected, expired or cancelled); set by the dispatch thread. */
    boolean gone;
    /** Whether its client went away; may be set by any thread, acted on by the dispatch thread. */
    volatile boolean cancelRequested;

    Waiter(InferenceRequest request, long enqueuedAtNanos, long ttlNanos, long sizeBytes, long sequence,
            Supplier<List<EndpointSnapshot>> candidates) {
        this.request = request;
        this.enqueuedAtNanos = enqueuedAtNanos;
        this.deadlineNanos = ttlNanos > 0 ? saturatedAdd(enqueuedAtNanos, ttlNanos) : Long.MAX_VALUE;
        this.sizeBytes = sizeBytes;
        this.sequence = sequence;
        this.candidates = candidates;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public InferenceRequest request() {
        return request;
    }

    @Override
    public long enqueuedAtNanos() {
        return enqueuedAtNanos;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    /** Sets the arrival order; called by the dispatch thread before the waiter is queued. */
    void sequence(long value) {
        sequence = value;
    }

    int priority() {
        return request.priority();
    }

    String flow() {
        return request.fairnessId();
    }

    @Override
    public String toString() {
        return "Waiter{" + request.requestId() + ", priority=" + priority() + ", flow=" + flow() + ", seq=" + sequence + '}';
    }
}
