package dev.sextant.api.request;

/**
 * Why a request could not be served, independent of the protocol that carries the answer.
 *
 * <p>Each code has the HTTP status both fronts answer with and the name the Endpoint Picker Protocol
 * uses in its error body ({@code inference gateway: <wireName> - <message>}).
 */
public enum ErrorCode {
    /** Malformed body, missing {@code model}, or a body the API does not accept. */
    BAD_REQUEST(400, "BadRequest"),
    /** No endpoint serves the requested model. */
    NOT_FOUND(404, "NotFound"),
    /** The body is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    /** Shed under saturation, rejected for capacity, or no endpoint left after filters. */
    RESOURCE_EXHAUSTED(429, "ResourceExhausted"),
    /** An unexpected failure inside Sextant. */
    INTERNAL(500, "Internal"),
    /** The chosen model server failed or answered garbage. */
    BAD_GATEWAY(502, "BadGateway"),
    /** No candidate endpoints, a queued request expired, or the client went away. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
    /** The model server did not answer in time. */
    GATEWAY_TIMEOUT(504, "GatewayTimeout");

    private final int httpStatus;
    private final String wireName;

    ErrorCode(int httpStatus, String wireName) {
        this.httpStatus = httpStatus;
        this.wireName = wireName;
    }

    /** The HTTP status to answer with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The code's name in Endpoint Picker Protocol error bodies, e.g. {@code ResourceExhausted}. */
    public String wireName() {
        return wireName;
    }
}
