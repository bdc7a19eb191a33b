package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PromptVocabularyTest {
    private final PromptVocabulary vocabulary = TestVocabulary.VOCABULARY;

    @Test
    void everyWordIsOneTokenOfItsOwn() {
        assertThat(vocabulary.size()).isGreaterThan(500);
        assertThat(vocabulary.tokenizerName()).isEqualTo("jtokkit:cl100k_base");
        for (int i = 0; i < vocabulary.size(); i++) {
            int[] tokens = TestVocabulary.TOKENIZER.encode(vocabulary.pieces().get(i));
            assertThat(tokens).containsExactly(vocabulary.tokenId(i));
        }
    }

    /** What makes prefix sharing real over HTTP: the server tokenises the text back into the same tokens. */
    @Property(tries = 60)
    void renderedTextTokenisesBackToTheSameTokens(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n) {
        int[] tokens = Seeds.words(vocabulary, n, new SplittableRandom(seed));
        assertThat(TestVocabulary.TOKENIZER.encode(vocabulary.render(tokens))).containsExactly(tokens);
    }

    @Test
    void refusesTokensThatAreNotWords() {
        assertThatThrownBy(() -> vocabulary.render(new int[] {vocabulary.tokenId(0), -5}))
                .hasMessage("token -5 is not a word of the prompt vocabulary");
    }

    @Test
    void refusesATokenizerThatKnowsNoEnglish() {
        TextTokenizer bytes = new TextTokenizer() {
            @Override
            public String name() {
                return "bytes";
            }

            @Override
            public int[] encode(String text) {
                return text.chars().toArray();
            }

            @Override
            public String decode(int[] tokens) {
                return "";
            }
        };
        assertThatThrownBy(() -> PromptVocabulary.of(bytes)).isInstanceOf(WorkloadException.class)
                .hasMessage("tokenizer bytes encodes only 0 common English words as one token (expected: at least 64)");
    }
}
