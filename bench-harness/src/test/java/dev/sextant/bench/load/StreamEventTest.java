package dev.sextant.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamEventTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"cmpl-1\",\"choices\":[{\"index\":0,\"text\":\" the\",\"logprobs\":null,\"finish_reason\":null}]}|' the'|-1|-1|-1",
        "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}||-1|-1|-1",
        "{\"choices\":[{\"delta\":{\"content\":\" of\"},\"finish_reason\":null}]}|' of'|-1|-1|-1",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":2007,\"completion_tokens\":16,\"total_tokens\":2023,\"prompt_tokens_details\":{\"cached_tokens\":1984}}}||2007|16|1984",
        "{\"choices\":[{\"text\":\"a\"}],\"usage\":null}|a|-1|-1|-1",
        "{\"choices\":[{\"text\":{\"nested\":\"x\"}}],\"other\":{\"text\":\"b\"}}|b|-1|-1|-1",
    })
    void readsTextAndUsage(String json, String text, long prompt, long completion, long cached) throws IOException {
        StreamEvent e = StreamEvent.parse(json);
        assertThat(e.text()).isEqualTo(text == null ? "" : text);
        assertThat(e.promptTokens()).isEqualTo(prompt);
        assertThat(e.completionTokens()).isEqualTo(completion);
        assertThat(e.cachedTokens()).isEqualTo(cached);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not json", "[1,2]", "{\"text\":"})
    void refusesWhatIsNotAnEventObject(String data) {
        assertThatThrownBy(() -> StreamEvent.parse(data)).isInstanceOf(IOException.class);
    }
}
