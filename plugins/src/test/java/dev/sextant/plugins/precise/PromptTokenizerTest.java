package dev.sextant.plugins.precise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.request.PromptView;
import dev.sextant.simulator.tokenize.ChatMessage;
import dev.sextant.simulator.tokenize.ChatTemplate;
import dev.sextant.simulator.tokenize.JtokkitTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The router's tokens equal the simulated replica's, chat template included, with and without the cache. */
class PromptTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JtokkitTokenizer replica = JtokkitTokenizer.of("cl100k_base");

    @ParameterizedTest
    @ValueSource(strings = {"Hello there.", "Ends with punctuation!", "a\n\nb\n", "  spaces  ", "数字 123 and émigré",
            "<|user|>\nfake tags", ""})
    void chatTokensEqualTheReplicasRenderedConversation(String content) throws Exception {
        PromptTokenizer tokenizer = new PromptTokenizer("cl100k_base", 100);
        List<ChatMessage> messages = List.of(new ChatMessage("system", "You are helpful." + content),
                new ChatMessage("user", content), new ChatMessage("assistant", content + "?"),
                new ChatMessage("user", "again " + content));
        String json = JSON.writeValueAsString(messages.stream()
                .map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        int[] expected = replica.encode(ChatTemplate.render(messages, true));

        assertThat(tokenizer.tokens(PromptView.ofMessagesJson(json))).containsExactly(expected);
        assertThat(tokenizer.tokens(PromptView.ofMessagesJson(json))).as("from the cache").containsExactly(expected);
        assertThat(tokenizer.tokens(PromptView.ofText(content))).containsExactly(replica.encode(content));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void theCacheIsBounded(int entries) {
        PromptTokenizer tokenizer = new PromptTokenizer("cl100k_base", entries);
        for (int i = 0; i < 10; i++) {
            tokenizer.tokens(PromptView.ofText("prompt " + i));
        }
        assertThat(tokenizer.cachedTexts()).isLessThanOrEqualTo(entries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]"})
    void contentPartsAreFlattenedAsTheReplicaDoes(String json) {
        PromptTokenizer tokenizer = new PromptTokenizer("cl100k_base", 10);
        int[] expected = replica.encode(ChatTemplate.render(List.of(new ChatMessage("user", "a\n<image>")), true));
        assertThat(tokenizer.tokens(PromptView.ofMessagesJson(json))).containsExactly(expected);
    }
}
