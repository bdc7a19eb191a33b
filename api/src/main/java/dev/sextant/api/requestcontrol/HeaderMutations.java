package dev.sextant.api.requestcontrol;

/**
 * Changes to the headers of the request as it is forwarded to the model server.
 *
 * <p>Header names are case-insensitive. Not thread-safe: valid only inside the call that received it.
 */
public interface HeaderMutations {

    /** Sets {@code name} to {@code value}, replacing any value the client sent. */
    void set(String name, String value);

    /** Removes {@code name} from the forwarded request. */
    void remove(String name);
}
