package dev.sextant.api.requestcontrol;

/**
 * Changes to headers: those of the request as it is forwarded to the model server (pre-request), or
 * those of the response as it is returned to the client (response-received).
 *
 * <p>Header names are case-insensitive. Not thread-safe: valid only inside the call that received it.
 */
public interface HeaderMutations {

    /** Sets {@code name} to {@code value}, replacing any value the sender set. */
    void set(String name, String value);

    /** Removes {@code name} from the forwarded message. */
    void remove(String name);
}
