package dev.sextant.api.requestcontrol;

import dev.sextant.api.endpoint.EndpointId;
import java.util.Map;
import java.util.Objects;

/**
 * The start of a model server's response.
 *
 * @param endpoint the endpoint that served the request (which may be a fallback)
 * @param status the HTTP status
 * @param streaming whether the body is a server-sent event stream
 * @param headers response headers, names in lower case
 * @param receivedAtNanos {@link dev.sextant.api.time.Clock#nanos()} when the headers arrived
 */
public record ResponseInfo(EndpointId endpoint, int status, boolean streaming, Map<String, String> headers,
        long receivedAtNanos) {

    public ResponseInfo {
        Objects.requireNonNull(endpoint, "endpoint");
        headers = Map.copyOf(headers);
    }
}
