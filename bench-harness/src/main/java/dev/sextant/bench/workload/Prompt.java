package dev.sextant.bench.workload;

import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.List;

/**
 * A prompt as a list of parts; parts are shared between requests (a group's prefix, a session's history),
 * so a workload holds each distinct part once however many requests use it.
 *
 * @param parts the parts in order
 */
public record Prompt(List<PromptPart> parts) {

    public Prompt {
        parts = List.copyOf(parts);
    }

    /** A prompt of the given parts. */
    public static Prompt of(PromptPart... parts) {
        return new Prompt(List.of(parts));
    }

    /** The prompt followed by {@code more}. */
    public Prompt append(PromptPart... more) {
        PromptPart[] all = parts.toArray(new PromptPart[parts.size() + more.length]);
        System.arraycopy(more, 0, all, parts.size(), more.length);
        return new Prompt(List.of(all));
    }

    /** The whole text. */
    public String text() {
        int length = 0;
        for (PromptPart p : parts) {
            length += p.text().length();
        }
        StringBuilder out = new StringBuilder(length);
        for (PromptPart p : parts) {
            out.append(p.text());
        }
        return out.toString();
    }

    /** Whether every part's tokens are known. */
    public boolean hasTokens() {
        for (PromptPart p : parts) {
            if (!p.hasTokens()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The token sequence, one new array.
     *
     * @throws IllegalStateException when a part is text only
     */
    public int[] tokens() {
        return tokens(null);
    }

    /** The token sequence, text-only parts tokenised by {@code tokenizer} (which may be null if none is). */
    public int[] tokens(TextTokenizer tokenizer) {
        int[][] runs = new int[parts.size()][];
        int length = 0;
        for (int i = 0; i < runs.length; i++) {
            PromptPart p = parts.get(i);
            if (p.hasTokens()) {
                runs[i] = p.tokens();
            } else if (tokenizer != null) {
                runs[i] = tokenizer.encode(p.text());
            } else {
                throw new IllegalStateException("prompt part " + i + " is text only (expected: tokens)");
            }
            length += runs[i].length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int[] run : runs) {
            System.arraycopy(run, 0, out, at, run.length);
            at += run.length;
        }
        return out;
    }

    /** Number of tokens, when every part's tokens are known. */
    public int tokenCount() {
        int n = 0;
        for (PromptPart p : parts) {
            if (!p.hasTokens()) {
                throw new IllegalStateException("a prompt part is text only (expected: tokens)");
            }
            n += p.tokens().length;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Prompt{" + parts.size() + " parts}";
    }
}
