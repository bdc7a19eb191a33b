package dev.sextant.simulator.tokenize;

import static java.util.Objects.requireNonNull;

/**
 * One chat message after its content parts were flattened to text (see {@link ChatTemplate}).
 *
 * @param role the role as sent ({@code system}, {@code user}, {@code assistant}, {@code tool}, ...)
 * @param content the text content
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
    }
}
