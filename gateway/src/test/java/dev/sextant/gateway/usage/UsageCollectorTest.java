package dev.sextant.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.request.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage read from the real captures in fixtures/sse (copied from the shared fixtures), fed whole and in arbitrary chunks. */
class UsageCollectorTest {
    static final Path FIXTURES = Path.of("..", "fixtures", "sse");

    static Usage feed(UsageCollector c, byte[] body, int chunkSize) {
        for (int i = 0; i < body.length; i += chunkSize) {
            c.accept(body, i, Math.min(chunkSize, body.length - i));
        }
        return c.usage();
    }

    @ParameterizedTest
    @CsvSource({
        "vllm-0.24.0-chat-stream-include-usage-crusoe-llama3.3-70b.sse, text/event-stream, 46, 14, 0",
        "openai-chat-stream-include-usage-gpt-5-nano.sse, text/event-stream; charset=utf-8, 12, 100, 0",
        "openai-responses-stream-text-gpt-4o.sse, text/event-stream, 278, 9, 0",
        "openai-responses-stream-function-call-gpt-4o.sse, text/event-stream, 255, 16, 0",
        "vllm-0.5-chat-stream-truncated-qwen-vllm-issue-6083-excerpt.sse, text/event-stream, 0, 0, 0",
        "openai-chat-nonstream-usage-details-gpt-5-nano.json, application/json, 12, 100, 0",
        "vllm-chat-nonstream-crusoe-glm-5.2.reserialized.json, application/json, 20, 118, 0",
    })
    void readsUsageFromRealCaptures(String file, String contentType, long prompt, long completion, long cached)
            throws IOException {
        byte[] body = Files.readAllBytes(FIXTURES.resolve(file));
        for (int chunk : new int[] {body.length, 1, 7, 100}) {
            Usage u = feed(UsageCollector.forContentType(contentType), body, chunk);
            assertThat(u).as(file + " in chunks of " + chunk).isEqualTo(new Usage(prompt, completion, cached));
        }
    }

    @Property
    void chunkingNeverChangesTheAnswer(@ForAll @IntRange(min = 1, max = 300) int chunk) throws IOException {
        byte[] body = Files.readAllBytes(FIXTURES.resolve("vllm-0.24.0-chat-stream-include-usage-crusoe-llama3.3-70b.sse"));
        assertThat(feed(new SseUsageScanner(), body, chunk)).isEqualTo(feed(new SseUsageScanner(), body, body.length));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            data: {"usage": {"prompt_tokens": 5, "completion_tokens": 2, "prompt_tokens_details": {"cached_tokens": 4}}}\\n\\n | 5 | 2 | 4
            data: {"usage": null}\\n                                                                           | 0 | 0 | 0
            data: {"usage": {"prompt_tokens": "x"}}\\n                                                         | 0 | 0 | 0
            data: {"usage": broken\\n                                                                          | 0 | 0 | 0
            : comment with "usage"\\ndata: [DONE]\\n                                                           | 0 | 0 | 0
            data:{"usage":{"prompt_tokens":3,"completion_tokens":1}}\\r\\n                                      | 3 | 1 | 0
            """)
    void sseEdgeCases(String text, long prompt, long completion, long cached) {
        byte[] body = text.replace("\\n", "\n").replace("\\r", "\r").getBytes(StandardCharsets.UTF_8);
        assertThat(feed(new SseUsageScanner(), body, 3)).isEqualTo(new Usage(prompt, completion, cached));
    }

    @Property(tries = 100)
    void garbageNeverThrows(@ForAll byte[] garbage) {
        feed(new SseUsageScanner(), garbage, 13);
        feed(new JsonUsageBuffer(), garbage, 13);
    }
}
