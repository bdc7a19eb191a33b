package dev.sextant.sidecar;

import java.util.List;

/** The OpenAI-style APIs whose requests are disaggregated, with the fields that cap their output. */
enum InferenceApi {
    COMPLETIONS("/v1/completions", List.of("max_tokens", "max_completion_tokens")),
    CHAT_COMPLETIONS("/v1/chat/completions", List.of("max_tokens", "max_completion_tokens")),
    RESPONSES("/v1/responses", List.of("max_output_tokens"));

    private final String path;
    private final List<String> tokenLimitFields;

    InferenceApi(String path, List<String> tokenLimitFields) {
        this.path = path;
        this.tokenLimitFields = tokenLimitFields;
    }

    /** The fields a prefill leg sets to 1 so the prefill engine computes the prompt and one token. */
    List<String> tokenLimitFields() {
        return tokenLimitFields;
    }

    /** The API served at {@code path} (without query), or null for anything else. */
    static InferenceApi ofPath(String path) {
        for (InferenceApi api : values()) {
            if (api.path.equals(path)) {
                return api;
            }
        }
        return null;
    }
}
