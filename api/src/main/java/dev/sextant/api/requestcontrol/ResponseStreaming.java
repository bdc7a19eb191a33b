package dev.sextant.api.requestcontrol;

import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;

/**
 * Runs for every chunk of a streamed response. On the hot path of streaming: must be cheap,
 * thread-safe and must not block.
 */
public interface ResponseStreaming extends Plugin {

    /** Reacts to one chunk of the response to {@code request}. */
    void responseChunk(CycleState state, InferenceRequest request, ResponseInfo response, ResponseChunk chunk);
}
