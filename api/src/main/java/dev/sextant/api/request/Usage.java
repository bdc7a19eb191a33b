package dev.sextant.api.request;

/**
 * Token counts a model server reported for one response ({@code usage} in OpenAI's APIs).
 *
 * @param promptTokens input tokens ({@code prompt_tokens} or {@code input_tokens}), &ge; 0
 * @param completionTokens output tokens ({@code completion_tokens} or {@code output_tokens}), &ge; 0
 * @param cachedTokens prompt tokens served from the prefix cache
 *     ({@code prompt_tokens_details.cached_tokens}), &ge; 0
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens) {

    /** Nothing reported. */
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0) {
            throw new IllegalArgumentException("usage: " + promptTokens + "/" + completionTokens + "/"
                    + cachedTokens + " (expected: token counts >= 0)");
        }
    }

    /** Prompt plus completion tokens. */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
