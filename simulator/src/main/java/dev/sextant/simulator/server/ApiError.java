package dev.sextant.simulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;

/**
 * A request the replica refuses, answered with vLLM's error JSON:
 * {@code {"error": {"message": ..., "type": "BadRequestError", "param": ..., "code": 400}}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String param;

    ApiError(int status, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
    }

    static ApiError badRequest(String message, String param) {
        return new ApiError(400, message, param);
    }

    static ApiError notFound(String message, String param) {
        return new ApiError(404, message, param);
    }

    static ApiError unavailable(String message) {
        return new ApiError(503, message, null);
    }

    int status() {
        return status;
    }

    HttpResponse toResponse() {
        return response(status, getMessage(), param).toHttpResponse();
    }

    AggregatedHttpResponse toAggregated() {
        return response(status, getMessage(), param);
    }

    /** vLLM's error body for any status. */
    static AggregatedHttpResponse response(int status, String message, String param) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("message", message);
        error.put("type", typeOf(status));
        error.put("param", param);
        error.put("code", status);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("error", error);
        return AggregatedHttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON_UTF_8, Json.bytes(body));
    }

    static String typeOf(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "AuthenticationError";
            case 403 -> "PermissionDeniedError";
            case 404 -> "NotFoundError";
            case 408 -> "RequestTimeoutError";
            case 409 -> "ConflictError";
            case 413 -> "RequestEntityTooLargeError";
            case 422 -> "UnprocessableEntityError";
            case 429 -> "RateLimitError";
            case 501 -> "NotImplementedError";
            case 503 -> "ServiceUnavailableError";
            default -> status >= 500 ? "InternalServerError" : "BadRequestError";
        };
    }
}
