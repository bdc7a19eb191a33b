package dev.sextant.api.datalayer;

import dev.sextant.api.plugin.Plugin;

/**
 * Turns the raw output of a {@link DataSource} into endpoint metrics and attributes (for example,
 * vLLM's {@code vllm:num_requests_waiting} into {@code waitingQueueSize}).
 *
 * <p>Called by the engine on the endpoint's collector thread; must be thread-safe across endpoints,
 * must tolerate missing or garbage values (leave the field unchanged), and must not block.
 *
 * @param <T> the data type it reads, which must match its source's output type
 */
public interface Extractor<T> extends Plugin {

    /** The data type this extractor reads. */
    Class<T> inputType();

    /** Reads {@code data} and writes what it finds into {@code update}. */
    void extract(T data, EndpointUpdate update);
}
