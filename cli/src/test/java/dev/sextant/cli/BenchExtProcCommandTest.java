package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code sextant bench extproc} against Sextant's own ext_proc server on a loopback port. */
class BenchExtProcCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Gateway gateway(boolean secure) {
        var config = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production())
                .load("apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n"
                        + "dataLayer: {sources: []}\n", "bench-extproc-test");
        return Gateway.start(config, new StaticEndpointSource(List.of(
                        Endpoint.of("10.0.0.1:8000").withModels(Set.of("m")),
                        Endpoint.of("10.0.0.2:8000").withModels(Set.of("m")))),
                GatewayOptions.builder().httpPort(GatewayOptions.DISABLED).extProcPort(0).grpcHealthPort(0)
                        .adminPort(0).secureServing(secure).bindAddress("127.0.0.1").shutdownGrace(Duration.ZERO)
                        .build());
    }

    @Test
    void openLoopAgainstSextantOverPlainText() {
        try (Gateway g = gateway(false)) {
            int code = run("bench", "extproc", "--target", "http://127.0.0.1:" + g.extProcPort(), "--model", "m",
                    "--rate", "100", "--warmup", "0s", "--duration", "1s");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("(plain text)", "chat bodies of 8,192 bytes",
                    "100 requests/s, open loop", "sent 100 (100.0/s), succeeded 100 (100.0/s), failed 0",
                    "| added, from the intended send time |", "primary endpoints: 10.0.0.");
        }
    }

    @Test
    void closedLoopWithLargeBodiesOverTls() {
        try (Gateway g = gateway(true)) {
            int code = run("bench", "extproc", "--target", "https://127.0.0.1:" + g.extProcPort(), "--model", "m",
                    "--api", "completions", "--body-size", "220KiB", "--concurrency", "4", "--warmup", "0s",
                    "--duration", "1s");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("(TLS)", "completions bodies of 225,280 bytes in chunks of at most"
                    + " 16,384 bytes; concurrency 4, closed loop", "failed 0");
        }
    }

    @Test
    void aModelNoEndpointServesIsCountedAsRefused() {
        try (Gateway g = gateway(false)) {
            assertThat(run("bench", "extproc", "--target", "http://127.0.0.1:" + g.extProcPort(), "--model", "other",
                    "--rate", "20", "--warmup", "0s", "--duration", "500ms")).isZero();
            assertThat(out.toString()).contains("succeeded 0", "failures: immediate_404=10");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target http://127.0.0.1:9002|Error: Missing required argument (specify one of these): (--rate=R | --concurrency=N)",
        "--target http://127.0.0.1:9002 --rate 5 --concurrency 3|are mutually exclusive",
        "--target http://127.0.0.1:9002 --rate 0|--rate: 0.0 (expected: > 0)",
        "--target ftp://127.0.0.1:9002 --rate 5|--target: ftp://127.0.0.1:9002 (expected: http://HOST:PORT or https://HOST:PORT)",
        "--target http://127.0.0.1:9002 --rate 5 --api grpc|--api: 'grpc' (expected: chat or completions)",
        "--target http://127.0.0.1:9002 --concurrency 5 --body-size 10|--body-size: 10 (expected: >= ",
    })
    void refusesBadArguments(String args, String message) {
        String[] all = ("bench extproc " + args).split(" ");
        assertThat(run(all)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains(message);
    }
}
