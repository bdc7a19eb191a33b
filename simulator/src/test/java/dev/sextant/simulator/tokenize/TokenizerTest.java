package dev.sextant.simulator.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class TokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"cl100k_base", "o200k_base"})
    void jtokkitEncodingsRoundTripText(String encoding) {
        TextTokenizer t = JtokkitTokenizer.of(encoding);
        String text = "Hello, world! Ünïcödé and <|endoftext|> are ordinary text here.";
        int[] tokens = t.encode(text);
        assertThat(tokens).isNotEmpty();
        assertThat(t.decode(tokens)).isEqualTo(text);
        assertThat(t.name()).isEqualTo("jtokkit:" + encoding);
    }

    @Test
    void cl100kTokenizesAsTiktokenDoes() {
        // "hello world" is [15339, 1917] in tiktoken's cl100k_base.
        assertThat(JtokkitTokenizer.of("cl100k_base").encode("hello world")).containsExactly(15339, 1917);
    }

    @Test
    void idsOutsideTheVocabularyDecodeToNothingInsteadOfFailing() {
        TextTokenizer t = JtokkitTokenizer.of("cl100k_base");
        assertThat(t.decode(new int[] {15339, 9_999_999, -5})).isEqualTo("hello");
    }

    @Test
    void anUnknownEncodingIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> JtokkitTokenizer.of("gpt2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt2'").hasMessageContaining("cl100k_base");
    }

    public static Path tinyTokenizer(Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        try (InputStream in = TokenizerTest.class.getResourceAsStream("tiny-tokenizer.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aLocalHuggingFaceTokenizerJsonIsUsedWithoutDownloading(@TempDir Path dir) throws IOException {
        Path file = tinyTokenizer(dir);
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(dir)) {
            assertThat(t.encode("Hello world of tea")).containsExactly(1, 2, 4, 0);
            assertThat(t.decode(new int[] {1, 2})).isEqualTo("hello world");
            assertThat(t.name()).isEqualTo("huggingface:" + file);
        }
    }

    @Test
    void aMissingOrBrokenTokenizerFileIsAClearError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> HuggingFaceTextTokenizer.load(dir.resolve("none.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: a local tokenizer.json");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model\": 5}");
        assertThatThrownBy(() -> HuggingFaceTextTokenizer.load(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid tokenizer.json");
    }

    @Test
    void theChatTemplateIsExactlyTheDocumentedOne() {
        List<ChatMessage> messages = List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi"));
        assertThat(ChatTemplate.render(messages, true))
                .isEqualTo("<|system|>\nBe brief.\n<|user|>\nHi\n<|assistant|>\n");
        assertThat(ChatTemplate.render(messages, false)).isEqualTo("<|system|>\nBe brief.\n<|user|>\nHi\n");
        assertThat(ChatTemplate.render(List.of(), true)).isEqualTo("<|assistant|>\n");
    }
}
