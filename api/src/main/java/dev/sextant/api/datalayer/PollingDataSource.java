package dev.sextant.api.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import java.util.List;

/**
 * A data source the engine polls once per interval for each endpoint, such as a Prometheus
 * {@code /metrics} scrape.
 *
 * <p>{@link #poll} may block on I/O; the engine calls it on a virtual thread, at most once at a time
 * per endpoint, and treats an exception as a failed scrape (which counts toward the endpoint's
 * health). Must be thread-safe across endpoints.
 *
 * @param <T> what one poll returns
 */
public interface PollingDataSource<T> extends DataSource {

    @Override
    Class<T> outputType();

    /** Fetches the current data of {@code endpoint}. */
    T poll(Endpoint endpoint) throws Exception;

    /**
     * Tells the source which extractors read its output. The engine calls it once, before the first
     * poll; a source may use it to produce only what they read (a metrics scrape can skip the series
     * no extractor asks for). The default ignores it.
     */
    default void boundTo(List<? extends Extractor<?>> extractors) {}
}
