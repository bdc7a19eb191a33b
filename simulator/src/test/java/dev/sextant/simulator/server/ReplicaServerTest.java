package dev.sextant.simulator.server;

import static dev.sextant.simulator.server.HttpExchange.get;
import static dev.sextant.simulator.server.HttpExchange.json;
import static dev.sextant.simulator.server.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.time.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replica's HTTP surface byte by byte: vLLM's shapes, its errors, LoRA management, P/D roles, chaos. */
class ReplicaServerTest {
    private static final String CHAT = "/v1/chat/completions";
    private static SimulatedReplicaServer replica;
    private static URI base;

    @BeforeAll
    static void start() {
        replica = SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").instant(true).maxLoras(2).build());
        base = replica.baseUri();
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/completions|{\"model\":\"m\"}|400|prompt: missing",
        "/v1/completions|{\"prompt\":[]}|400|prompt: an empty list",
        "/v1/completions|{\"prompt\":[1,-2]}|400|prompt[1]: -2 (expected: a token id >= 0)",
        "/v1/completions|{\"prompt\":\"\"}|400|prompt: empty (expected: at least one token)",
        "/v1/completions|{\"prompt\":\"x\",\"max_tokens\":0}|400|max_tokens: 0 (expected: >= 1)",
        "/v1/completions|{\"prompt\":\"x\",\"max_tokens\":\"5\"}|400|max_tokens: \"5\" (expected: an integer >= 1)",
        "/v1/completions|{\"prompt\":\"x\",\"n\":2}|400|n: 2",
        "/v1/completions|{\"prompt\":\"x\",\"stream\":\"yes\"}|400|stream: \"yes\" (expected: true or false)",
        "/v1/chat/completions|{\"messages\":[]}|400|messages: an empty list",
        "/v1/chat/completions|{\"messages\":[{\"content\":\"hi\"}]}|400|messages[0].role: missing",
        "/v1/chat/completions|{\"messages\":[{\"role\":\"user\",\"content\":5}]}|400|messages[0].content: 5",
        "/v1/chat/completions|{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"sound\"}]}]}|400|messages[0].content[0].type: 'sound'",
        "/v1/chat/completions|{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|404|The model `gpt-9` does not exist.",
        "/v1/chat/completions|[1,2]|400|request body: not a JSON object",
        "/v1/chat/completions|{\"messages\":|400|request body: invalid JSON",
        "/v1/chat/completions|{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"kv_transfer_params\":7}|400|kv_transfer_params: not an object",
        "/v1/responses|{\"model\":\"m\"}|400|input: missing",
        "/v1/responses|{\"input\":[{\"type\":\"reasoning\"}]}|400|input[0].type: 'reasoning'",
        "/tokenize|{\"prompt\":\"a\",\"messages\":[]}|400|prompt, messages: both given",
        "/v1/load_lora_adapter|{\"lora_name\":\"a\"}|400|lora_path: missing",
        "/v1/unload_lora_adapter|{\"lora_name\":\"never\"}|404|The lora adapter 'never' cannot be found.",
    })
    void badRequestsGetVllmErrorJsonNamingTheField(String path, String body, int status, String message) {
        HttpResponse<String> r = post(base, path, body);
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = json(r).get("error");
        assertThat(error.get("message").asText()).contains(message);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(status == 404 ? "NotFoundError" : "BadRequestError");
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedWithVllmsMessage() {
        String prompt = "word ".repeat(33_000);
        HttpResponse<String> r = post(base, "/v1/completions", "{\"prompt\":\"" + prompt + "\",\"max_tokens\":10}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText())
                .matches("This model's maximum context length is 32768 tokens\\. However, you requested (\\d+) tokens "
                        + "\\(\\d+ in the messages, 10 in the completion\\)\\. Please reduce the length of the messages or"
                        + " completion\\.");
    }

    @Test
    void megabytesOfTextAreRefusedBeforeTokenising() {
        String prompt = "x".repeat(32_768 * 32 + 1);
        HttpResponse<String> r = post(base, "/v1/completions", "{\"prompt\":\"" + prompt + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).startsWith("prompt: 1048577 characters (expected: <= 1048576");
    }

    @Test
    void unknownPathsAndMethodsGetFastApiAnswers() {
        assertThat(get(base, "/v2/nothing").statusCode()).isEqualTo(404);
        assertThat(get(base, CHAT).statusCode()).isEqualTo(405);
        assertThat(get(base, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void tokenizeAppliesTheDocumentedChatTemplate() {
        JsonNode chat = json(post(base, "/tokenize",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        JsonNode text = json(post(base, "/tokenize",
                "{\"prompt\":\"<|system|>\\nBe brief.\\n<|user|>\\nHi\\n<|assistant|>\\n\",\"return_token_strs\":true}"));
        assertThat(chat.get("tokens")).isEqualTo(text.get("tokens"));
        assertThat(chat.get("count").asInt()).isEqualTo(text.get("tokens").size());
        assertThat(chat.get("max_model_len").asInt()).isEqualTo(32_768);
        assertThat(chat.get("token_strs").isNull()).isTrue();
        assertThat(text.get("token_strs").get(0).asText()).isEqualTo("<");
    }

    @Test
    void completionUsageCountsTheTokenizedPromptAndCachedTokens() {
        String prompt = "The quick brown fox jumps over the lazy dog. ".repeat(10);
        int count = json(post(base, "/tokenize", "{\"prompt\":\"" + prompt + "\"}")).get("count").asInt();
        String body = "{\"prompt\":\"" + prompt + "\",\"max_tokens\":4,\"ignore_eos\":true}";
        JsonNode first = json(post(base, "/v1/completions", body));
        JsonNode second = json(post(base, "/v1/completions", body));
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(count);
        assertThat(first.at("/usage/completion_tokens").asInt()).isEqualTo(4);
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo((count - 1) / 16 * 16);
        assertThat(second.at("/choices/0/text")).isEqualTo(first.at("/choices/0/text"));
        assertThat(second.has("kv_transfer_params")).isTrue();
    }

    @Test
    void aBatchOfPromptsGetsOneChoiceEach() {
        JsonNode r = json(post(base, "/v1/completions", "{\"prompt\":[\"a b c\",[1,2,3,4]],\"max_tokens\":3}"));
        assertThat(r.get("choices")).hasSize(2);
        assertThat(r.at("/choices/1/index").asInt()).isEqualTo(1);
        assertThat(r.at("/usage/prompt_tokens").asInt()).isEqualTo(3 + 4);
    }

    @Test
    void theRequestIdHeaderNamesTheResponse() {
        JsonNode r = json(post(base, CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1}",
                "x-request-id", "abc-123"));
        assertThat(r.get("id").asText()).isEqualTo("chatcmpl-abc-123");
    }

    @Test
    void loraAdaptersAreLoadedListedServedAndUnloaded() {
        assertThat(post(base, "/v1/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}").body())
                .isEqualTo("Success: LoRA adapter 'sql' added successfully.");
        assertThat(post(base, "/v1/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}").statusCode())
                .isEqualTo(400);
        JsonNode models = json(get(base, "/v1/models"));
        assertThat(models.at("/data/1/id").asText()).isEqualTo("sql");
        assertThat(models.at("/data/1/parent").asText()).isEqualTo("m");
        assertThat(models.at("/data/1/root").asText()).isEqualTo("/a/sql");
        HttpResponse<String> served = post(base, CHAT,
                "{\"model\":\"sql\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1}");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(post(base, "/v1/unload_lora_adapter", "{\"lora_name\":\"sql\"}").statusCode()).isEqualTo(200);
        assertThat(post(base, CHAT, "{\"model\":\"sql\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theNumberOfKnownAdaptersIsBounded() {
        ReplicaOptions.Builder options = ReplicaOptions.builder().instant(true);
        for (int i = 0; i < ReplicaHttpApi.MAX_KNOWN_ADAPTERS - 1; i++) {
            options.loraModule("a" + i, "/p");
        }
        try (SimulatedReplicaServer r = SimulatedReplicaServer.start(options.build())) {
            assertThat(post(r.baseUri(), "/v1/load_lora_adapter", "{\"lora_name\":\"last\",\"lora_path\":\"/p\"}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> refused = post(r.baseUri(), "/v1/load_lora_adapter",
                    "{\"lora_name\":\"one-more\",\"lora_path\":\"/p\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).at("/error/message").asText()).contains("at most 1024 adapters");
        }
    }

    @ParameterizedTest
    @CsvSource({"429,RateLimitError", "500,InternalServerError", "503,ServiceUnavailableError", "400,BadRequestError"})
    void theReturnErrorHeaderForcesAStatus(int status, String type) {
        HttpResponse<String> r = post(base, CHAT, "{}", "X-Return-Error", Integer.toString(status));
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(json(r).at("/error/type").asText()).isEqualTo(type);
    }

    @Test
    void aBadReturnErrorHeaderIsItselfABadRequest() {
        HttpResponse<String> r = post(base, CHAT, "{}", "X-Return-Error", "teapot");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).contains("X-Return-Error: 'teapot'");
    }

    @Test
    void debugKvListsTheCachedBlockHashesAsUnsignedNumbers() {
        post(base, "/v1/completions", "{\"prompt\":[" + "7,".repeat(40) + "7],\"max_tokens\":1}");
        JsonNode kv = json(get(base, "/debug/kv"));
        assertThat(kv.get("block_size").asInt()).isEqualTo(16);
        assertThat(kv.get("cached_blocks").asInt()).isEqualTo(kv.get("block_hashes").size()).isPositive();
        for (JsonNode h : kv.get("block_hashes")) {
            assertThat(h.isIntegralNumber()).isTrue();
            assertThat(h.bigIntegerValue().signum()).isNotNegative();
        }
    }

    @Test
    void aFailureRateOfOneFailsEveryInferenceRequest() {
        try (SimulatedReplicaServer failing = SimulatedReplicaServer.start(
                ReplicaOptions.builder().instant(true).failureRate(1.0).build())) {
            for (int i = 0; i < 5; i++) {
                int status = post(failing.baseUri(), "/v1/completions", "{\"prompt\":\"x\"}").statusCode();
                assertThat(status).isIn(429, 500, 503);
            }
            assertThat(get(failing.baseUri(), "/health").statusCode()).isEqualTo(200);
            failing.failureRate(0);
            assertThat(post(failing.baseUri(), "/v1/completions", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theStartupDelayAnswers503UntilItPasses() {
        ManualClock clock = new ManualClock();
        try (SimulatedReplicaServer starting = SimulatedReplicaServer.start(ReplicaOptions.builder()
                .instant(true).clock(clock).startupDelay(Duration.ofSeconds(30)).build())) {
            assertThat(get(starting.baseUri(), "/health").statusCode()).isEqualTo(503);
            assertThat(post(starting.baseUri(), "/v1/completions", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(503);
            clock.advance(Duration.ofSeconds(30));
            assertThat(get(starting.baseUri(), "/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHangingReplicaNeverAnswersButStillCloses() {
        try (SimulatedReplicaServer hanging = SimulatedReplicaServer.start(
                ReplicaOptions.builder().instant(true).hang(true).build())) {
            HttpRequest request = HttpRequest.newBuilder(hanging.baseUri().resolve("/v1/completions"))
                    .timeout(Duration.ofMillis(300)).POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"x\"}"))
                    .build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(get(hanging.baseUri(), "/health").statusCode()).isEqualTo(200);
            hanging.hang(false);
            assertThat(post(hanging.baseUri(), "/v1/completions", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void prefillAndDecodeRolesFollowTheNixlProtocol() {
        List<SimulatedReplicaServer> pd = List.of(
                SimulatedReplicaServer.start(ReplicaOptions.builder().instant(true).role(Role.PREFILL).build()),
                SimulatedReplicaServer.start(ReplicaOptions.builder().instant(true).role(Role.DECODE).build()));
        try {
            URI prefill = pd.get(0).baseUri();
            URI decode = pd.get(1).baseUri();
            String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"" + "tell me more ".repeat(20) + "\"}]";
            JsonNode p = json(post(prefill, CHAT, "{" + messages + ",\"max_tokens\":1,\"stream\":false,"
                    + "\"kv_transfer_params\":{\"do_remote_decode\":true,\"do_remote_prefill\":false,"
                    + "\"remote_engine_id\":null,\"remote_block_ids\":null,\"remote_host\":null,\"remote_port\":null}}"));
            assertThat(p.at("/choices/0/finish_reason").asText()).isEqualTo("remote_decode");
            JsonNode kv = p.get("kv_transfer_params");
            assertThat(kv.get("do_remote_prefill").asBoolean()).isTrue();
            assertThat(kv.get("remote_block_ids").size()).isPositive();
            assertThat(kv.get("remote_port").asInt()).isEqualTo(pd.get(0).port());
            assertThat(kv.get("remote_host").asText()).isEqualTo("127.0.0.1");
            assertThat(kv.get("remote_engine_id").asText()).isNotEmpty();

            JsonNode d = json(post(decode, CHAT, "{" + messages + ",\"max_tokens\":5,\"ignore_eos\":true,"
                    + "\"kv_transfer_params\":" + kv + "}"));
            assertThat(d.at("/usage/completion_tokens").asInt()).isEqualTo(5);

            assertThat(post(decode, CHAT, "{" + messages + ",\"kv_transfer_params\":{\"do_remote_decode\":true}}")
                    .statusCode()).isEqualTo(400);
            assertThat(post(prefill, CHAT, "{" + messages + ",\"kv_transfer_params\":" + kv + "}").statusCode())
                    .isEqualTo(400);
        } finally {
            pd.forEach(SimulatedReplicaServer::close);
        }
    }

    @Test
    void aGroupTakesConsecutiveFreeOrFixedPortsAndClosesCleanly() {
        List<SimulatedReplicaServer> group = SimulatedReplicaServer.startGroup(3,
                ReplicaOptions.builder().instant(true).build());
        try {
            assertThat(group).extracting(SimulatedReplicaServer::port).doesNotHaveDuplicates();
            for (SimulatedReplicaServer s : group) {
                assertThat(get(s.baseUri(), "/health").statusCode()).isEqualTo(200);
            }
        } finally {
            group.forEach(SimulatedReplicaServer::close);
        }
        group.forEach(SimulatedReplicaServer::close);
    }

    @Test
    void metricsAreValidTextFormatWithVllmSeries() {
        post(base, "/v1/completions", "{\"prompt\":\"metrics please\",\"max_tokens\":3}");
        HttpResponse<String> r = get(base, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        java.util.Map<String, Double> series = MetricsTextTest.parseStrictly(r.body());
        assertThat(series.get("vllm:num_requests_waiting{engine=0, model_name=m}")).isZero();
        assertThat(series.get("vllm:request_success_total{engine=0, finished_reason=length, model_name=m}"))
                .isPositive();
    }

    @Test
    void aLocalHuggingFaceTokenizerCanReplaceJtokkit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dev.sextant.simulator.tokenize.TokenizerTest.tinyTokenizer(dir);
        try (SimulatedReplicaServer hf = SimulatedReplicaServer.start(
                ReplicaOptions.builder().instant(true).tokenizer(file.toString()).build())) {
            JsonNode t = json(post(hf.baseUri(), "/tokenize", "{\"prompt\":\"hello world\"}"));
            assertThat(t.get("tokens").toString()).isEqualTo("[1,2]");
            JsonNode c = json(post(hf.baseUri(), "/v1/completions", "{\"prompt\":\"hello\",\"max_tokens\":3,"
                    + "\"ignore_eos\":true}"));
            assertThat(c.at("/choices/0/text").asText().split(" ")).hasSize(3);
        }
    }

    @Test
    void aClientThatLeavesMidStreamFreesItsRequest() throws Exception {
        try (SimulatedReplicaServer slow = SimulatedReplicaServer.start(ReplicaOptions.builder().build())) {
            HttpRequest request = HttpRequest.newBuilder(slow.baseUri().resolve(CHAT))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],"
                            + "\"max_tokens\":30000,\"ignore_eos\":true,\"stream\":true}"))
                    .build();
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                assertThat(new String(body.readNBytes(5), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("data:");
                assertThat(slow.snapshot().join().running()).isEqualTo(1);
            }
            int running = 1;
            for (int i = 0; i < 200 && running > 0; i++) {
                Thread.sleep(50);
                running = slow.snapshot().join().running();
            }
            assertThat(running).as("the abandoned request left the batch").isZero();
            assertThat(slow.snapshot().join().kvBlocksUsed()).isZero();
        }
    }
}
