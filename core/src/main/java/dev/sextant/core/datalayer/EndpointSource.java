package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the set of endpoints comes from: a static list, a file, or Kubernetes. A source reports the
 * complete set every time it changes; the data layer works out what was added and removed.
 */
public interface EndpointSource extends AutoCloseable {

    /**
     * Starts reporting. The first report happens before this method returns (or the method throws,
     * saying why the source cannot start); later ones from the source's own thread.
     */
    void start(Consumer<List<Endpoint>> listener);

    /** A short description for logs and the admin server, e.g. {@code file /etc/sextant/endpoints.yaml}. */
    String describe();

    /** Stops reporting and releases resources. */
    @Override
    void close();
}
