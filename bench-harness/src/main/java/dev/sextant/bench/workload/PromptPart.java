package dev.sextant.bench.workload;

import java.util.Objects;

/**
 * A piece of a prompt: a run of tokens with its text, or only text when it came back from a server (an
 * answer in a real-time multi-turn session) and was never tokenised here.
 *
 * @param tokens the token ids, or null when only the text is known; not copied (do not mutate)
 * @param text the text those tokens render to
 */
public record PromptPart(int[] tokens, String text) {

    public PromptPart {
        Objects.requireNonNull(text, "text");
    }

    /** A run of vocabulary tokens, rendered once. */
    public static PromptPart ofTokens(int[] tokens, PromptVocabulary vocabulary) {
        return new PromptPart(Objects.requireNonNull(tokens, "tokens"), vocabulary.render(tokens));
    }

    /** Text only. */
    public static PromptPart ofText(String text) {
        return new PromptPart(null, text);
    }

    /** Whether the tokens are known. */
    public boolean hasTokens() {
        return tokens != null;
    }
}
