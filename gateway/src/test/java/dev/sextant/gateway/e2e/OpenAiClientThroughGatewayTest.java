package dev.sextant.gateway.e2e;

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
import dev.sextant.simulator.server.ReplicaOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the official OpenAI Java client sees it, over simulated replicas: chat completions
 * and completions, whole and streamed, with the client's strict response validation on wherever
 * vLLM's answers allow it; errors arrive as the client's typed exceptions.
 */
class OpenAiClientThroughGatewayTest {
    private static LoopbackCluster cluster;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        cluster = LoopbackCluster.start(2, ReplicaOptions.builder().timeScale(1000).seed(3).build());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(cluster.baseUrl())
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
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ChatCompletionCreateParams.Builder chat(String text, int maxTokens) {
        return ChatCompletionCreateParams.builder().model(ChatModel.of(LoopbackCluster.MODEL)).addUserMessage(text)
                .maxCompletionTokens(maxTokens).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true));
    }

    @Test
    void chatCompletion() {
        ChatCompletion c = client.chat().completions().create(chat("What is a KV cache?", 12).build());
        assertThat(c.choices().getFirst().message().content()).get().asString().isNotBlank();
        assertThat(c.usage()).get().satisfies(u -> assertThat(u.completionTokens()).isEqualTo(12));
    }

    @Test
    void streamedChatCompletionEndsWithUsage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat("Stream the answer, please.", 9)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isNotBlank();
        assertThat(chunks.getLast().usage()).get().satisfies(u -> assertThat(u.completionTokens()).isEqualTo(9));
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason()).isPresent();
    }

    @Test
    void completion() {
        Completion c = client.completions().create(CompletionCreateParams.builder()
                .model(LoopbackCluster.MODEL).prompt("Once upon a time").maxTokens(5).build());
        assertThat(c.choices().getFirst().text()).isNotEmpty();
        assertThat(c.usage()).get().satisfies(u -> assertThat(u.completionTokens()).isBetween(1L, 5L));
    }

    @Test
    void streamedCompletion() {
        // vLLM sends "finish_reason": null on every chunk but the last, which the client's strict
        // validation refuses for the legacy completions API; read the stream without it.
        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        try (var stream = client.withOptions(o -> o.responseValidation(false)).completions().createStreaming(
                CompletionCreateParams.builder().model(LoopbackCluster.MODEL).prompt("Once upon a time").maxTokens(6)
                        .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build())) {
            stream.stream().forEach(chunk -> {
                chunks[0]++;
                chunk.choices().forEach(choice -> text.append(choice.text()));
            });
        }
        assertThat(chunks[0]).isGreaterThanOrEqualTo(6);
        assertThat(text.toString()).isNotEmpty();
    }

    @Test
    void modelsAreListedThroughTheGateway() {
        assertThat(client.models().list().data()).extracting(Model::id).contains(LoopbackCluster.MODEL);
    }

    @Test
    void errorsArriveAsTheClientsTypedExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(ChatModel.of("no-such-model")).addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(ChatModel.of(LoopbackCluster.MODEL)).messages(List.of()).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages");
    }
}
