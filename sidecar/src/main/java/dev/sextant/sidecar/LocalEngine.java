package dev.sextant.sidecar;

import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.util.Exceptions;

/**
 * The decode engine behind the sidecar. Responses stream through unbuffered; an engine that refuses
 * the connection becomes a 503 in vLLM's error shape, any other failure before the response headers
 * a 502.
 */
final class LocalEngine {
    private final WebClient client;
    private final String authority;

    LocalEngine(WebClient client, String authority) {
        this.client = client;
        this.authority = authority;
    }

    /** Where the engine listens, {@code host:port}. */
    String authority() {
        return authority;
    }

    /**
     * Sends {@code request} (headers already prepared) and streams the answer back, adding
     * {@code extraName: extraValue} to the response headers when given.
     */
    HttpResponse send(HttpRequest request, String extraName, String extraValue) {
        return client.execute(request)
                .mapHeaders(headers -> LegHeaders.downstream(headers, extraName, extraValue))
                .recover(this::failure);
    }

    private HttpResponse failure(Throwable error) {
        Throwable cause = Exceptions.peel(error);
        if (cause instanceof UnprocessedRequestException) {
            return VllmErrors.engineUnavailable(authority).toHttpResponse();
        }
        return VllmErrors.badGateway("the decode engine at " + authority + " failed: " + describe(cause))
                .toHttpResponse();
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
