package dev.sextant.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.sextant.api.request.ErrorCode;

/**
 * Error responses in OpenAI's shape, so every OpenAI client shows the message:
 * {@code {"error": {"message": ..., "type": ..., "param": null, "code": ...}}}.
 */
public final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {}

    /** A response for {@code code} with {@code message}; {@code reason} becomes the error's {@code code}. */
    public static HttpResponse response(ErrorCode code, String reason, String message) {
        return response(code.httpStatus(), reason, message);
    }

    /** A response with an explicit HTTP status. */
    public static HttpResponse response(int status, String reason, String message) {
        return HttpResponse.of(ResponseHeaders.of(HttpStatus.valueOf(status), "content-type",
                MediaType.JSON_UTF_8.toString()), com.linecorp.armeria.common.HttpData.ofUtf8(body(status, reason, message)));
    }

    /** The JSON body of an error. */
    public static String body(int status, String reason, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", message);
        error.put("type", type(status));
        error.putNull("param");
        error.put("code", reason);
        ObjectNode root = JSON.createObjectNode();
        root.set("error", error);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String type(int status) {
        return switch (status) {
            case 400, 404, 413, 422 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
