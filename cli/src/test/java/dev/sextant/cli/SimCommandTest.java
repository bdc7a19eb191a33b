package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--role=middle|role: 'middle' (expected: prefill, decode or both)",
        "--profile=tpu|--profile: 'tpu' (expected: llama-8b-h100 or llama-8b-a100)",
        "--kv-events=tcp://*:5556|kv-events: 'tcp://*:5556' (expected: bind:tcp://*:PORT or connect:tcp://HOST:PORT)",
        "--time-scale=0|timeScale: 0.0 (expected: > 0)",
        "--replicas=0|--replicas: 0 (expected: >= 1)",
        "--startup-delay=soon|--startup-delay: 'soon' (expected: a duration such as 5s)",
        "--beta=1,2|--beta: '1,2' (expected: B0_MS,B1_US,B2_US)",
        "--beta=1;x;2|--beta: '1;x;2' (expected: B0_MS,B1_US,B2_US)",
        "--beta=1,x,2|--beta: '1,x,2' (expected: three numbers B0_MS,B1_US,B2_US)",
        "--num-gpu-blocks=0|numGpuBlocks: 0 (expected: > 0)",
        "--output-length=9-3|output length: uniform 9-3 (expected: 1 <= min <= max)",
    })
    void badFlagsAreUsageErrorsNamingTheFlag(String flag, String message) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("sim", "--port=0", flag)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void servesReplicasUntilStoppedAndThenExitsCleanly() throws Exception {
        SimCommand command = new SimCommand();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
                "--port=0", "--replicas=2", "--instant", "--model=cli-model", "--beta=5,10,4", "--max-loras=2",
                "--lora-modules=a=/x/a,b=/x/b"));
        Pattern ready = Pattern.compile("url=(http://127\\.0\\.0\\.1:\\d+)");
        String urls = "";
        for (int i = 0; i < 600 && !out.toString().contains("ready"); i++) {
            Thread.sleep(50);
        }
        urls = out.toString();
        assertThat(urls).contains("2 replica(s) ready");
        Matcher m = ready.matcher(urls);
        int seen = 0;
        HttpClient http = HttpClient.newHttpClient();
        while (m.find()) {
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"id\":\"cli-model\"").contains("\"id\":\"a\"").contains("\"id\":\"b\"");
            seen++;
        }
        assertThat(seen).isEqualTo(2);
        command.stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("sextant sim: stopped");
    }
}
