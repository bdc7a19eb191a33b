package dev.sextant.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Error responses in OpenAI's shape, so every OpenAI client shows the message:
 * {@code {"error": {"message": ..., "type": ..., "param": null, "code": ...}}}.
 */
public final class OpenAiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {}

    /** A response for {@code code} with {@code message}; {@code reason} becomes the error's {@code code}. */
    static FullHttpResponse response(ErrorCode code, String reason, String message) {
        return response(code.httpStatus(), reason, message);
    }

    /** A complete JSON error response with an explicit HTTP status. */
    static FullHttpResponse response(int status, String reason, String message) {
        byte[] body = body(status, reason, message).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
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
            case 400, 404, 405, 413, 422 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
