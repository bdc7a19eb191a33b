package dev.sextant.api.requestcontrol;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;

/** Runs when a model server's response headers arrive. Must be thread-safe and must not block. */
public interface ResponseReceived extends Plugin {

    /** Reacts to the start of the response to {@code request}. */
    void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response);
}
