package dev.sextant.simulator.server;

import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The token ids generated text is drawn from: common English words that the tokenizer encodes as
 * exactly one token each, so that every generated token decodes to a whole word and streamed
 * pieces concatenate to the same text as the whole.
 */
final class OutputVocabulary {
    private static final String[] WORDS = (
            " the of and to in a is that for it as was with be by on not he this are or his from at which but have"
            + " an had they you were their one all we can her has there been if more when will would who so no"
            + " model token cache request replica prefix block batch time data system value state point result"
            + " first last next each other some many most few new old long short high low good great small large"
            + " run step queue load route serve read write send keep make take give find show call work use")
            .split("(?= )");

    private OutputVocabulary() {}

    static int[] of(TextTokenizer tokenizer) {
        Set<Integer> single = new LinkedHashSet<>();
        Set<Integer> any = new LinkedHashSet<>();
        for (String word : WORDS) {
            int[] tokens = tokenizer.encode(word);
            if (tokens.length == 1) {
                single.add(tokens[0]);
            }
            for (int t : tokens) {
                any.add(t);
            }
        }
        Set<Integer> chosen = single.size() >= 8 ? single : any;
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("tokenizer " + tokenizer.name() + " encodes no English word");
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
