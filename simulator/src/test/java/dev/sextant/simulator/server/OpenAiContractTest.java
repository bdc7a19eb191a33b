package dev.sextant.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replica as the official OpenAI Java client sees it, with the client's strict response
 * validation on: every field the client knows must have the type OpenAI's API gives it.
 */
class OpenAiContractTest {
    private static SimulatedReplicaServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = SimulatedReplicaServer.start(ReplicaOptions.builder()
                .model("llama-sim")
                .timeScale(1000)
                .maxLoras(2)
                .loraModule("alice", "/adapters/alice")
                .build());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUri() + "/v1")
                .apiKey("unused")
                .responseValidation(true)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ChatCompletionCreateParams.Builder chat(String text) {
        return ChatCompletionCreateParams.builder().model(ChatModel.of("llama-sim")).addUserMessage(text);
    }

    @Test
    void chatCompletionHasContentUsageAndFinishReason() {
        ChatCompletion c = client.chat().completions().create(chat("Tell me about prefix caching.")
                .maxCompletionTokens(12)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true))
                .build());
        assertThat(c.id()).startsWith("chatcmpl-");
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().getFirst().message().content()).get().asString().isNotBlank();
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.usage()).get().satisfies(u -> {
            assertThat(u.completionTokens()).isEqualTo(12);
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + 12);
        });
    }

    @Test
    void streamedChatMatchesTheWholeAnswerAndEndsWithUsage() {
        String prompt = "Stream the answer, please, word by word.";
        ChatCompletion whole = client.chat().completions().create(chat(prompt).maxCompletionTokens(20).build());
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat(prompt).maxCompletionTokens(20)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                choice.delta().content().ifPresent(text::append);
            }
        }
        assertThat(text.toString()).isEqualTo(whole.choices().getFirst().message().content().orElseThrow());
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).get().satisfies(u ->
                assertThat(u.completionTokens()).isEqualTo(whole.usage().orElseThrow().completionTokens()));
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason()).isPresent();
    }

    @Test
    void aRepeatedLongPromptReportsCachedTokens() {
        String prompt = "You are a helpful assistant. ".repeat(40) + "Question: what is a KV cache?";
        ChatCompletion first = client.chat().completions().create(chat(prompt).maxCompletionTokens(2).build());
        ChatCompletion second = client.chat().completions().create(chat(prompt).maxCompletionTokens(2).build());
        long promptTokens = second.usage().orElseThrow().promptTokens();
        assertThat(first.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
        long cached = second.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
        assertThat(cached).isEqualTo((promptTokens - 1) / 16 * 16);
    }

    @Test
    void completionsStreamingAndNot() {
        Completion c = client.completions().create(CompletionCreateParams.builder()
                .model("llama-sim").prompt("Once upon a time").maxTokens(5).build());
        assertThat(c.choices().getFirst().text()).isNotEmpty();
        assertThat(c.usage()).get().satisfies(u -> assertThat(u.completionTokens()).isBetween(1L, 5L));
        // vLLM sends "finish_reason": null on every chunk but the last, which the client's strict
        // validation refuses for the legacy completions API; read the stream without it.
        try (var stream = client.withOptions(o -> o.responseValidation(false)).completions().createStreaming(CompletionCreateParams.builder()
                .model("llama-sim").prompt("Once upon a time").maxTokens(5).build())) {
            StringBuilder text = new StringBuilder();
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> text.append(choice.text())));
            assertThat(text.toString()).isEqualTo(c.choices().getFirst().text());
        }
    }

    @Test
    void responsesApiAnswersWithOutputText() {
        Response r = client.responses().create(ResponseCreateParams.builder()
                .model("llama-sim").instructions("Be brief.").input("Hello!").maxOutputTokens(16).build());
        assertThat(r.id()).startsWith("resp_");
        assertThat(r.output().getFirst().asMessage().content().getFirst().asOutputText().text()).isNotBlank();
        assertThat(r.usage()).get().satisfies(u -> assertThat(u.outputTokens()).isBetween(1L, 16L));
    }

    @Test
    void modelsListTheBaseModelAndItsAdapters() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).containsExactly("llama-sim", "alice");
        assertThat(models.get(1)._allProperties().get("parent")).isEqualTo(JsonValue.from("llama-sim"));
        assertThat(models.get(0)._allProperties().get("max_model_len")).isEqualTo(JsonValue.from(32768));
    }

    @Test
    void anAdapterIsServedUnderItsOwnName() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(ChatModel.of("alice")).addUserMessage("hi").maxCompletionTokens(3).build());
        assertThat(c.model()).isEqualTo("alice");
    }

    @Test
    void errorsArriveAsTheClientsTypedExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(ChatModel.of("no-such-model")).addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("The model `no-such-model` does not exist.");
        assertThatThrownBy(() -> client.chat().completions().create(chat("hi").maxCompletionTokens(40_000).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("maximum context length is 32768 tokens");
    }
}
