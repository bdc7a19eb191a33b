package dev.sextant.bench.parsing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.request.ApiKind;
import dev.sextant.core.parsing.RequestBodyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a chat request body on the routing path ({@code RequestBodyParser.parse}, which also builds the
 * prompt view of the messages), for the body sizes of issue 5's ext_proc targets. Two baselines in the same
 * run: the way the prompt view was built before, a Jackson tree of the body whose messages are written back
 * out as compact JSON; and merely decoding the body into a {@code String}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseCompactObjectHeaders"})
public class ChatBodyParsingBenchmark {
    private static final String[] WORDS = {"the", "of", "and", "model", "cache", "prefix", "router", "token",
        "request", "replica", "queue", "prompt"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"8192", "225280"})
    int bodyBytes;

    private byte[] body;

    @Setup
    public void setUp() {
        StringBuilder prompt = new StringBuilder();
        SplittableRandom random = new SplittableRandom(0);
        String head = "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"";
        String tail = "\"}],\"max_tokens\":16,\"stream\":true}";
        while (head.length() + prompt.length() + tail.length() < bodyBytes) {
            prompt.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        body = (head + prompt + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public int parse() {
        return RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS, body).prompt().length();
    }

    @Benchmark
    public int baselineTreeWrittenBack() throws IOException {
        return JSON.writeValueAsString(JSON.readTree(body).get("messages")).length();
    }

    @Benchmark
    public int baselineDecodeToString() {
        return new String(body, StandardCharsets.UTF_8).length();
    }
}
