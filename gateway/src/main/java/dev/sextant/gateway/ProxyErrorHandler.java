package dev.sextant.gateway;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sextant.gateway.proxy.OpenAiErrors;

/**
 * Renders errors Armeria produces before our service runs (body too large, unknown path, bad
 * protocol) in OpenAI's error shape, so clients always get the same JSON.
 */
final class ProxyErrorHandler implements ServerErrorHandler {
    private final long maxBodyBytes;

    ProxyErrorHandler(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        if (cause instanceof ContentTooLargeException) {
            return OpenAiErrors.response(413, "request_too_large", "request body is larger than " + maxBodyBytes + " bytes");
        }
        return null;
    }

    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers,
            HttpStatus status, String description, Throwable cause) {
        String message = switch (status.code()) {
            case 404 -> "no such route: " + (headers == null ? "" : headers.path())
                    + " (Sextant serves the OpenAI API under /v1/)";
            case 413 -> "request body is larger than " + maxBodyBytes + " bytes";
            default -> description != null ? description : status.reasonPhrase();
        };
        String reason = switch (status.code()) {
            case 404 -> "not_found";
            case 413 -> "request_too_large";
            default -> "http_" + status.code();
        };
        return AggregatedHttpResponse.of(ResponseHeaders.of(status, "content-type", MediaType.JSON_UTF_8.toString()),
                com.linecorp.armeria.common.HttpData.ofUtf8(OpenAiErrors.body(status.code(), reason, message)));
    }
}
