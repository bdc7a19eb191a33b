package dev.sextant.bench.workload;

import dev.sextant.simulator.tokenize.JtokkitTokenizer;
import dev.sextant.simulator.tokenize.TextTokenizer;

/** The tokenizer and vocabulary tests share: built once, they take a moment. */
public final class TestVocabulary {
    public static final TextTokenizer TOKENIZER = JtokkitTokenizer.of("cl100k_base");
    public static final PromptVocabulary VOCABULARY = PromptVocabulary.of(TOKENIZER);

    private TestVocabulary() {}
}
