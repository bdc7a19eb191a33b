package dev.sextant.api.request;

import java.util.Optional;

/** The OpenAI-compatible API a request was made to. */
public enum ApiKind {
    /** {@code POST /v1/completions}: {@code model} and {@code prompt}. */
    COMPLETIONS("/v1/completions"),
    /** {@code POST /v1/chat/completions}: {@code model} and {@code messages}. */
    CHAT_COMPLETIONS("/v1/chat/completions"),
    /** {@code POST /v1/responses}: {@code model} and {@code input}. */
    RESPONSES("/v1/responses"),
    /** {@code POST /v1/conversations}: {@code items}. */
    CONVERSATIONS("/v1/conversations"),
    /** {@code POST /v1/embeddings}: {@code model} and {@code input}. */
    EMBEDDINGS("/v1/embeddings"),
    /** Anything else, e.g. a headers-only {@code GET}: routed without a parsed body. */
    OTHER("");

    private final String path;

    ApiKind(String path) {
        this.path = path;
    }

    /** The request path of this API, empty for {@link #OTHER}. */
    public String path() {
        return path;
    }

    /** The API served at {@code path} (query string ignored), if it is one of ours. */
    public static Optional<ApiKind> ofPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        int query = path.indexOf('?');
        String p = query >= 0 ? path.substring(0, query) : path;
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (ApiKind kind : values()) {
            if (kind != OTHER && kind.path.equals(p)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
