package dev.sextant.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;

/** Error responses in vLLM's JSON shape, so clients handle the sidecar's errors like the engine's. */
final class VllmErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VllmErrors() {}

    /** {@code {"error": {"message", "type", "param": null, "code"}}} with the given status. */
    static AggregatedHttpResponse response(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", status);
        return AggregatedHttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON_UTF_8, body.toString());
    }

    static AggregatedHttpResponse badRequest(String message) {
        return response(400, "BadRequestError", message);
    }

    static AggregatedHttpResponse forbidden(String message) {
        return response(403, "Forbidden", message);
    }

    static AggregatedHttpResponse engineUnavailable(String engine) {
        return response(503, "ServiceUnavailable", "the decode engine at " + engine
                + " is not accepting connections; check that it is running and the --engine port is right");
    }

    static AggregatedHttpResponse badGateway(String message) {
        return response(502, "BadGateway", message);
    }
}
