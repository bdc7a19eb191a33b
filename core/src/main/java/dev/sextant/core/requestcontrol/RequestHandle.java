package dev.sextant.core.requestcontrol;

import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.ResponseChunk;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseReceived;
import dev.sextant.api.requestcontrol.ResponseStreaming;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.core.scheduling.ExtensionPoint;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of one routed request after its decision: the front reports the response through this
 * handle, which runs the response hooks. {@link #complete} runs the completion hooks exactly once,
 * however often and from wherever it is called, so counters held by plugins never leak.
 *
 * <p>Thread-safe: calls may come from different threads, in order (received, chunks, complete).
 */
public final class RequestHandle {
    private final InferenceRequest request;
    private final CycleState state;
    private final SchedulingResult.Scheduled result;
    private final Director director;
    private final AtomicBoolean completed = new AtomicBoolean();
    private long chunks;

    RequestHandle(InferenceRequest request, CycleState state, SchedulingResult.Scheduled result, Director director) {
        this.request = request;
        this.state = state;
        this.result = result;
        this.director = director;
    }

    /** The request as routed (target model set). */
    public InferenceRequest request() {
        return request;
    }

    /** The scheduling result. */
    public SchedulingResult.Scheduled result() {
        return result;
    }

    /**
     * Reports the response headers and runs the response-received hooks.
     *
     * @return the changes plugins made to the headers the client is to receive
     */
    public HeaderChanges responseReceived(ResponseInfo response) {
        HeaderChanges changes = new HeaderChanges();
        if (completed.get()) {
            return changes;
        }
        for (ResponseReceived hook : director.requestControl().responseReceived()) {
            director.runHook(ExtensionPoint.RESPONSE_RECEIVED, hook,
                    () -> hook.responseReceived(state, request, response, changes));
        }
        return changes;
    }

    /** Reports one chunk of a streamed response. */
    public void responseChunk(ResponseInfo response, int sizeBytes, long receivedAtNanos) {
        if (completed.get() || director.requestControl().responseStreaming().isEmpty()) {
            return;
        }
        ResponseChunk chunk;
        synchronized (this) {
            chunk = new ResponseChunk(chunks++, sizeBytes, receivedAtNanos);
        }
        for (ResponseStreaming hook : director.requestControl().responseStreaming()) {
            director.runHook(ExtensionPoint.RESPONSE_STREAMING, hook, () -> hook.responseChunk(state, request, response, chunk));
        }
    }

    /**
     * Reports how the request ended and runs the completion hooks; only the first call counts.
     *
     * @return whether this call was the first
     */
    public boolean complete(ResponseSummary summary) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        for (ResponseComplete hook : director.requestControl().responseComplete()) {
            director.runHook(ExtensionPoint.RESPONSE_COMPLETE, hook, () -> hook.responseComplete(state, request, summary));
        }
        director.observer().completed(request, summary);
        director.completed();
        return true;
    }

    /** Whether {@link #complete} has been called. */
    public boolean isCompleted() {
        return completed.get();
    }

    @Override
    public String toString() {
        return "RequestHandle{" + request.requestId() + " -> " + result.targets().getFirst().id() + '}';
    }
}
