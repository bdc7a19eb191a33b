package dev.sextant.api.requestcontrol;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;

/** Runs when a model server's response headers arrive. Must be thread-safe and must not block. */
public interface ResponseReceived extends Plugin {

    /** Reacts to the start of the response to {@code request}. */
    void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response);

    /**
     * Reacts to the start of the response to {@code request} and may change the headers the client
     * receives (such as a session token naming the endpoint that served it). The engine calls this
     * method; by default it calls {@link #responseReceived(CycleState, InferenceRequest, ResponseInfo)}
     * and changes nothing.
     *
     * @param responseHeaders changes to the response headers sent on to the client, valid only
     *     during this call
     */
    default void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response,
            HeaderMutations responseHeaders) {
        responseReceived(state, request, response);
    }
}
