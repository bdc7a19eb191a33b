package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.RequestBodyParser.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.request.PromptView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestBodyParserTest {

    static ParsedBody parse(ApiKind api, String json) {
        return RequestBodyParser.parse(api, utf8(json));
    }

    @Test
    void completionsWithAStringPrompt() {
        ParsedBody b = parse(ApiKind.COMPLETIONS,
                "{\"model\": \"llama\", \"prompt\": \"Once upon\", \"max_tokens\": 5, \"cache_salt\": \"tenant-a\"}");
        assertThat(b.model()).isEqualTo("llama");
        assertThat(b.prompt()).isEqualTo(PromptView.ofText("Once upon"));
        assertThat(b.cacheSalt()).isEqualTo("tenant-a");
        assertThat(b.stream()).isFalse();
    }

    @Test
    void completionsWithListsOfStringsOrTokens() {
        assertThat(parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}").prompt().text())
                .isEqualTo("a\nb");
        assertThat(parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1, 2, 3]}").prompt())
                .isEqualTo(new PromptView(PromptView.Form.STRUCTURED_JSON, "[1,2,3]"));
    }

    @Test
    void chatMessagesBecomeCompactJsonSoWhitespaceDoesNotMatter() {
        ParsedBody a = parse(ApiKind.CHAT_COMPLETIONS, """
                {"model":"m","messages":[ {"role":"system", "content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"x"}}]}],
                 "stream": true, "stream_options": {"include_usage": true}, "tools": [{"x": 1}]}
                """);
        ParsedBody b = parse(ApiKind.CHAT_COMPLETIONS,
                "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}],"
                        + "\"model\":\"m\"}");
        assertThat(a.prompt()).isEqualTo(b.prompt());
        assertThat(a.prompt().form()).isEqualTo(PromptView.Form.MESSAGES_JSON);
        assertThat(a.stream()).isTrue();
        assertThat(a.includeUsage()).isTrue();
    }

    @Test
    void aNewTurnExtendsThePreviousPromptView() {
        String first = "{\"role\":\"user\",\"content\":\"hello\"}";
        String second = "{\"role\":\"assistant\",\"content\":\"hi!\"}";
        ParsedBody one = parse(ApiKind.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[" + first + "]}");
        ParsedBody two = parse(ApiKind.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[" + first + "," + second + "]}");
        String common = one.prompt().text().substring(0, one.prompt().length() - 1);
        assertThat(two.prompt().text()).startsWith(common);
    }

    @Test
    void responsesViewIsInstructionsToolsThenInput() {
        ParsedBody b = parse(ApiKind.RESPONSES,
                "{\"input\":\"q\",\"model\":\"m\",\"tools\":[{\"type\":\"function\"}],\"instructions\":\"sys\"}");
        assertThat(b.prompt().text()).isEqualTo("{\"instructions\":\"sys\",\"tools\":[{\"type\":\"function\"}],\"input\":\"q\"}");
    }

    @Test
    void conversationsNeedNoModel() {
        ParsedBody b = parse(ApiKind.CONVERSATIONS, "{\"items\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(b.model()).isEmpty();
        assertThat(b.hasModelField()).isFalse();
    }

    @Test
    void embeddingsInput() {
        assertThat(parse(ApiKind.EMBEDDINGS, "{\"model\":\"e5\",\"input\":\"text\"}").prompt().text()).isEqualTo("text");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            COMPLETIONS      | {"prompt":"x"}                                   | model: missing
            COMPLETIONS      | {"model":7,"prompt":"x"}                         | model: 7 (expected: a string)
            COMPLETIONS      | {"model":" ","prompt":"x"}                       | model: blank
            COMPLETIONS      | {"model":"a","model":"b","prompt":"x"}           | model: given twice
            COMPLETIONS      | {"model":"m"}                                    | prompt: missing
            COMPLETIONS      | {"model":"m","prompt":{}}                        | prompt: an object (expected: a string or a list of strings)
            COMPLETIONS      | {"model":"m","prompt":[]}                        | prompt: an empty list
            COMPLETIONS      | {"model":"m","prompt":["a",{}]}                  | prompt[1]: an object
            CHAT_COMPLETIONS | {"model":"m"}                                    | messages: missing
            CHAT_COMPLETIONS | {"model":"m","messages":[]}                      | messages: an empty list (expected: a list of at least one message)
            CHAT_COMPLETIONS | {"model":"m","messages":["hi"]}                  | messages[0]: "hi" (expected: an object with role and content)
            CHAT_COMPLETIONS | {"model":"m","messages":[{"content":"x"}]}       | messages[0].role: missing
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"user","content":5}]} | messages[0].content: 5 (expected: a string or a list of content parts)
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"user","content":[{"type":"gif"}]}]} | messages[0].content[0].type: "gif"
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]} | messages[0].content[0].text: missing (expected: a string)
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"u","content":"x"}],"stream":"yes"} | stream: "yes" (expected: true or false)
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"u","content":"x"}],"cache_salt":1} | cache_salt: 1 (expected: a string)
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"u","content":"x"}],"stream_options":[]} | stream_options: an array (expected: an object)
            RESPONSES        | {"model":"m"}                                    | input: missing
            RESPONSES        | {"model":"m","input":3}                          | input: 3 (expected: a string or a list of input items)
            CONVERSATIONS    | {"items":"x"}                                    | items: "x" (expected: a list of conversation items)
            EMBEDDINGS       | {"model":"m","input":[]}                         | input: an empty list
            COMPLETIONS      | [1,2]                                            | body: expected a JSON object
            COMPLETIONS      | {"model":"m","prompt":"x"} trailing              | body
            COMPLETIONS      | {"model":"m","prompt":"x"                        | body is not valid JSON
            COMPLETIONS      | not json                                         | body is not valid JSON
            """)
    void invalidBodiesAreBadRequestsNamingTheField(ApiKind api, String json, String message) {
        assertThatThrownBy(() -> parse(api, json))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining(message);
    }

    @Test
    void absurdNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"prompt\":" + deep + "}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"unknown\":" + deep + ",\"prompt\":\"x\"}"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void unknownLargeFieldsAreSkipped() {
        String big = "\"" + "x".repeat(1 << 20) + "\"";
        ParsedBody b = parse(ApiKind.COMPLETIONS, "{\"blob\":" + big + ",\"model\":\"m\",\"prompt\":\"p\"}");
        assertThat(b.prompt().text()).isEqualTo("p");
    }
}
