package dev.sextant.simulator.engine;

import static java.util.Objects.requireNonNull;

/**
 * Where the token ids a simulated replica generates come from. Output tokens are never stored: the
 * i-th output token of a request is a pure function of the request, so the engine can hash blocks
 * that hold generated tokens and the server can render the same tokens as text.
 */
public sealed interface OutputTokens {

    /** The {@code index}-th (0-based) output token of {@code request}. */
    int tokenAt(EngineRequest request, int index);

    /**
     * Tokens drawn from {@code vocabulary} by a hash of the request's {@link EngineRequest#outputSeed()}
     * and the position: deterministic, and different for different seeds.
     *
     * @param vocabulary the token ids to draw from; not empty; not copied (do not mutate it)
     */
    record Generated(int[] vocabulary) implements OutputTokens {
        public Generated {
            requireNonNull(vocabulary, "vocabulary");
            if (vocabulary.length == 0) {
                throw new IllegalArgumentException("vocabulary: empty (expected: at least one token id)");
            }
        }

        @Override
        public int tokenAt(EngineRequest request, int index) {
            long h = BlockHasher.mix(request.outputSeed() + 0x9E3779B97F4A7C15L * (index + 1));
            return vocabulary[(int) Long.remainderUnsigned(h, vocabulary.length)];
        }
    }

    /** The prompt's tokens again, from its first token, cyclically: for tests of what was received. */
    record Echo() implements OutputTokens {
        @Override
        public int tokenAt(EngineRequest request, int index) {
            int[] prompt = request.promptTokens();
            return prompt.length == 0 ? 0 : prompt[index % prompt.length];
        }
    }
}
