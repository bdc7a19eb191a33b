package dev.sextant.core.parsing;

import dev.sextant.api.SextantException;
import dev.sextant.api.request.ErrorCode;
import java.util.Objects;

/** A request body that cannot be routed: the error code to answer with and a message naming the field. */
public final class InvalidRequestException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public InvalidRequestException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A 400 naming the offending field. */
    static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(ErrorCode.BAD_REQUEST, message);
    }

    /** The error the fronts answer with. */
    public ErrorCode code() {
        return code;
    }
}
