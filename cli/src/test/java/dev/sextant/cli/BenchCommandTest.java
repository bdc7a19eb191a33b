package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class BenchCommandTest {
    private static final Path POLICIES = Path.of("..", "examples", "policies");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path workload() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                kind: shared-prefix
                groups: 2
                prefixTokens: 64
                usersPerGroup: 2
                questionTokens: 16
                outputTokens: 8
                arrivals: {rate: 20, duration: 2s}
                """);
        return file;
    }

    @Test
    void clusterComparesConfigurationsAndWritesReports() throws IOException {
        Path reports = dir.resolve("reports");
        int code = run("bench", "cluster", "--workload", workload().toString(), "--replicas", "2",
                "--config", POLICIES.resolve("random.yaml").toString(),
                "--config", POLICIES.resolve("round-robin.yaml").toString(), "--seed", "4", "--out", reports.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("configuration").contains("TTFT p90");
        assertThat(lines.get(2)).startsWith("random ");
        assertThat(lines.get(3)).startsWith("round-robin ");
        assertThat(out.toString()).contains("Reports: " + reports.resolve("report.json"));
        assertThat(err.toString()).contains("sextant bench: [1/2] random:").contains("simulated in");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(json.get("configurations")).hasSize(2);
        assertThat(json.get("setup").get("seed").asText()).isEqualTo("4");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("<svg");
    }

    @Test
    void withoutConfigurationsTheDefaultRuns() throws IOException {
        assertThat(run("bench", "cluster", "--workload", workload().toString(), "--replicas", "1", "--out",
                dir.resolve("r").toString())).isZero();
        assertThat(out.toString()).contains("\ndefault ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rate 5|--rate needs --duration",
        "--duration 5s|--duration needs --rate",
        "--rate 5 --duration 2s --stages 1x1s|--stages and --rate/--duration: give one or the other",
        "--stages 3x|--stages: stage: \"3x\" (expected: RATExDURATION such as 3x20s)",
        "--profile h200|--profile: 'h200' (expected: one of llama-8b-h100, llama-8b-a100)",
        "--replicas 0|replicas: 0 (expected: 1..4096)",
        "--max-requests 0|--max-requests: 0 (expected: >= 1)",
        "--scrape-interval soon|Invalid value for option '--scrape-interval': 'soon' (expected: a duration",
    })
    void badArgumentsExitTwoNamingTheOption(String extra, String message) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench", "cluster", "--workload", workload().toString(), "--out",
                dir.resolve("r").toString()));
        args.addAll(List.of(extra.split(" ")));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void anUnknownWorkloadOrBadFileIsInvalidInput() throws IOException {
        assertThat(run("bench", "cluster", "--workload", "shared", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("workload: 'shared' (expected: one of shared-prefix, llmd-shared-prefix,"
                + " multi-turn, random, a workload file (.yaml) or a trace (.jsonl))");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: random\ninputTokens: -4\noutputTokens: 3\narrivals: {rate: 1, duration: 1s}\n");
        assertThat(run("bench", "cluster", "--workload", bad.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":2: inputTokens: -4 (expected: a token count >= 1, or {min, max})");
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 2, \"hash_ids\": [1]}\n");
        assertThat(run("bench", "cluster", "--workload", trace.toString(), "--rate", "3", "--duration", "1s",
                "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--rate/--stages: a trace's requests arrive at the trace's timestamps");
    }

    @Test
    void aBrokenConfigurationIsInvalidInput() throws IOException {
        assertThat(run("bench", "cluster", "--workload", workload().toString(), "--config",
                Path.of("..", ".ci", "broken-config.yaml").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown plugin type 'queue-scorrer'");
    }

    @Test
    void loadMeasuresARealEndpoint() throws IOException {
        try (SimulatedReplicaServer replica = SimulatedReplicaServer.start(ReplicaOptions.builder().model("m").port(0)
                .timeScale(50).build())) {
            Path reports = dir.resolve("load");
            int code = run("bench", "load", "--target", replica.baseUri() + "/v1", "--model", "m", "--workload",
                    workload().toString(), "--max-requests", "6", "--name", "sim", "--out", reports.toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("\nsim ");
            JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
            assertThat(json.get("mode").asText()).isEqualTo("load");
            JsonNode run = json.get("configurations").get(0);
            assertThat(run.get("name").asText()).isEqualTo("sim");
            assertThat(run.get("completed").asLong()).isEqualTo(6);
            assertThat(run.get("output_tokens").asLong()).isEqualTo(48);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target ftp://x/v1|target: ftp://x/v1 (expected: an http(s) URL such as http://127.0.0.1:8080/v1)",
        "--target http://127.0.0.1:1/v1 --api grpc|--api: 'grpc' (expected: completions or chat)",
        "--target http://127.0.0.1:1/v1 --max-in-flight 0|maxInFlight: 0 (expected: >= 1)",
    })
    void loadRefusesBadTargets(String extra, String message) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench", "load", "--workload", workload().toString(), "--out",
                dir.toString()));
        args.addAll(List.of(extra.split(" ")));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void helpListsBothCommands() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).contains("cluster").contains("load");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("bench");
    }
}
