package dev.sextant.bench.extproc;

/** Which OpenAI-compatible API the benchmark's request bodies are written for. */
public enum BodyApi {
    /** {@code POST /v1/chat/completions}, the text as one user message. */
    CHAT("/v1/chat/completions"),
    /** {@code POST /v1/completions}, the text as the prompt. */
    COMPLETIONS("/v1/completions");

    private final String path;

    BodyApi(String path) {
        this.path = path;
    }

    /** The request path Envoy reports in {@code :path}. */
    public String path() {
        return path;
    }

    /** {@code chat} or {@code completions}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
