package dev.sextant.api.request;

import java.util.Objects;

/**
 * The part of a request that decides which KV-cache prefix it can reuse, in a form ready for hashing.
 *
 * <p>For {@code /v1/completions} it is the prompt text; for chat it is the messages serialised as
 * JSON (so role boundaries count); for {@code /v1/responses} the instructions, tools and input;
 * for embeddings the input. Two requests that share a prefix of their {@link #text()} share a prefix
 * of what the engine caches, as far as character-level hashing can tell.
 *
 * @param form how {@link #text()} was built
 * @param text the text to hash; empty for requests without a body
 */
public record PromptView(Form form, String text) {

    /** A request with no prompt (headers-only, or an API without one). */
    public static final PromptView EMPTY = new PromptView(Form.EMPTY, "");

    /** How the text of a prompt view was built. */
    public enum Form {
        /** No prompt. */
        EMPTY,
        /** Plain prompt text, as sent. */
        TEXT,
        /** Chat messages: the JSON array as sent (roles and content parts included), minus whitespace between tokens. */
        MESSAGES_JSON,
        /** Structured input (Responses, Conversations, Embeddings) serialised as JSON. */
        STRUCTURED_JSON
    }

    public PromptView {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(text, "text");
    }

    /** A plain-text prompt. */
    public static PromptView ofText(String text) {
        return new PromptView(Form.TEXT, text);
    }

    /** Chat messages serialised as a JSON array. */
    public static PromptView ofMessagesJson(String json) {
        return new PromptView(Form.MESSAGES_JSON, json);
    }

    /** Length of the text in chars. */
    public int length() {
        return text.length();
    }

    @Override
    public String toString() {
        return "PromptView{" + form + ", " + text.length() + " chars}";
    }
}
