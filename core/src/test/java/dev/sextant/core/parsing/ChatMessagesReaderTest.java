package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.RequestBodyParser.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.PromptView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatMessagesReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PromptView view(String messages) {
        return RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS, utf8("{\"model\":\"m\",\"messages\":" + messages + "}"))
                .prompt();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"role\":\"user\",\"content\":\"hi\"}]",
        "[ { \"role\" : \"system\" ,\n\t\"content\" : \"Be  brief.\\n\" } ,\r\n {\"role\":\"user\",\"content\":null} ]",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a \\\" quote, a \\\\ and spaces  \"},"
                + " {\"type\":\"image_url\", \"image_url\": {\"url\": \"x\", \"detail\": [1, 2.5, true]}}]}]",
        "[{\"role\":\"user\",\"content\":\"naïve café 東京 🚀\",\"name\":\"a b\",\"extra\":{\"k\":[ ]}}]",
    })
    void theViewIsTheCompactJsonOfTheMessages(String messages) throws Exception {
        String expected = JSON.writeValueAsString(JSON.readTree(messages));

        PromptView view = view(messages);

        assertThat(view.form()).isEqualTo(PromptView.Form.MESSAGES_JSON);
        assertThat(view.text()).isEqualTo(expected);
    }

    @Test
    void stringsKeepTheClientsEscapes() {
        assertThat(view("[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\/ \\\\\"}]").text())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\/ \\\\\"}]");
    }

    @Test
    void aMissingModelIsReportedBeforeABadMessage() {
        assertThatThrownBy(() -> RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS, utf8("{\"messages\":[{\"content\":\"x\"}]}")))
                .hasMessageStartingWith("model: missing");
    }

    @Test
    void malformedJsonAfterABadMessageIsReportedAsMalformed() {
        assertThatThrownBy(() -> RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS,
                utf8("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}], \"n\": tru}")))
                .hasMessageStartingWith("body is not valid JSON");
    }

    @Test
    void theFirstBadMessageIsTheOneReported() {
        assertThatThrownBy(() -> view("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":[1]}]}, \"second\"]"))
                .hasMessage("messages[0].content[0].text: a list (expected: a string)");
        assertThatThrownBy(() -> view("[{\"role\":\"user\",\"content\":\"ok\"}, {\"content\":[{\"type\":\"gif\"}], \"role\":\" \"}]"))
                .hasMessage("messages[1].role: \" \" (expected: a role such as \"user\")");
    }

    @Test
    void valuesOfTheWrongKindAreDescribedAsTheClientSentThem() {
        assertThatThrownBy(() -> view("{\"role\":\"user\"}"))
                .hasMessage("messages: an object (expected: a list of at least one message)");
        assertThatThrownBy(() -> view("null")).hasMessage("messages: missing (expected: a list of at least one message)");
        assertThatThrownBy(() -> view("[[]]")).hasMessage("messages[0]: an empty list (expected: an object with role and content)");
        assertThatThrownBy(() -> view("[[1, {\"a\": [2]}]]")).hasMessage("messages[0]: a list (expected: an object with role and content)");
        assertThatThrownBy(() -> view("[{\"role\":{\"a\":1},\"content\":\"x\"}]"))
                .hasMessage("messages[0].role: an object (expected: a role such as \"user\")");
        assertThatThrownBy(() -> view("[{\"role\":\"user\",\"content\":[7]}]"))
                .hasMessage("messages[0].content[0]: 7 (expected: a content part with a type)");
        assertThatThrownBy(() -> view("[{\"role\":\"user\",\"content\":[{\"type\":{\"x\":1}}]}]"))
                .hasMessage("messages[0].content[0]: an object (expected: a content part with a type)");
        assertThatThrownBy(() -> view("[{\"role\":\"user\",\"content\":true}]"))
                .hasMessage("messages[0].content: true (expected: a string or a list of content parts)");
    }

    @Test
    void fieldsAfterTheMessagesAreStillRead() {
        ParsedBody body = RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS,
                utf8("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}],\"model\":\"m\",\"stream\":true}"));
        assertThat(body.model()).isEqualTo("m");
        assertThat(body.stream()).isTrue();
    }
}
