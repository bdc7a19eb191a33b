package dev.sextant.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: where it is and what was expected.
 *
 * @param where the YAML path, e.g. {@code schedulingProfiles[0].plugins[1].weight}; empty for the
 *     document as a whole
 * @param message what was found and what was expected
 */
public record ConfigProblem(String where, String message) {

    public ConfigProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return where.isEmpty() ? message : where + ": " + message;
    }
}
