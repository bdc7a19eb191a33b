package dev.sextant.api;

/**
 * The one unchecked exception family for Sextant's own failures.
 *
 * <p>Each layer that catches one may wrap it with more context; the message of the outermost
 * exception is meant to be read by a user.
 */
public class SextantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a user-readable message. */
    public SextantException(String message) {
        super(message);
    }

    /** Creates an exception with a user-readable message and the failure that caused it. */
    public SextantException(String message, Throwable cause) {
        super(message, cause);
    }
}
