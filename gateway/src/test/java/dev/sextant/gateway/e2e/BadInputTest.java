package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.simulator.server.ReplicaOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad request, sent through the gateway to simulated replicas, gets its status and
 * an OpenAI error whose message names the problem, whether the gateway refuses it or the replica does.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 64 * 1024;
    private static LoopbackCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LoopbackCluster.start(2, ReplicaOptions.builder().instant(true).build(),
                LoopbackCluster.CONFIG_WITH_FALLBACKS, List.of(), b -> b.maxBodyBytes(MAX_BODY));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Arguments> badRequests() {
        String chat = "/v1/chat/completions";
        String completions = "/v1/completions";
        return Stream.of(
                Arguments.of("invalid JSON", chat, "{\"model\": \"sim-model\", ", 400, "not valid JSON"),
                Arguments.of("empty body", completions, "", 400, "expected a JSON object"),
                Arguments.of("not an object", completions, "[1, 2]", 400, "object"),
                Arguments.of("missing model", chat, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400,
                        "model: missing"),
                Arguments.of("model not a string", completions, "{\"model\": 7, \"prompt\": \"x\"}", 400, "model"),
                Arguments.of("empty messages", chat, "{\"model\":\"sim-model\",\"messages\":[]}", 400,
                        "messages: an empty list"),
                Arguments.of("messages not a list", chat, "{\"model\":\"sim-model\",\"messages\":\"hi\"}", 400, "messages"),
                Arguments.of("unknown model (the replica says so)", completions,
                        "{\"model\":\"gpt-9\",\"prompt\":\"x\"}", 404, "gpt-9"),
                Arguments.of("too large", completions,
                        "{\"model\":\"sim-model\",\"prompt\":\"" + "x".repeat((int) MAX_BODY) + "\"}", 413,
                        "larger than " + MAX_BODY + " bytes"),
                Arguments.of("unknown route", "/v2/completions", "{}", 404, "no such route"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsGetTheirStatusAndAMessageNamingTheProblem(String what, String path, String body, int status,
            String message) throws Exception {
        HttpResponse<String> r = cluster.post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error).as(r.body()).isNotNull();
        assertThat(error.get("message").asText()).containsIgnoringCase(message);
    }
}
