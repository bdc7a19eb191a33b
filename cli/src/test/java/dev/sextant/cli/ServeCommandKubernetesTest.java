package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code sextant serve} with Kubernetes sources: flag mistakes exit 2, a missing cluster exits 1. */
class ServeCommandKubernetesTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--pool-name llama --endpoints 10.0.0.1:8000|are mutually exclusive",
        "--endpoint-selector app=vllm|--endpoint-selector needs --endpoint-target-ports",
        "--endpoints 10.0.0.1:8000 --endpoint-target-ports 8000|--endpoint-target-ports: only with --endpoint-selector",
        "--endpoints 10.0.0.1:8000 --pool-namespace llm|only with --pool-name, --endpoint-selector or --ha-enable-leader-election",
        "--endpoint-selector app --endpoint-target-ports 8000|--endpoint-selector: \"app\" (expected: key=value[,key=value...])",
        "--endpoint-selector app=v@llm --endpoint-target-ports 8000|--endpoint-selector: label app: value \"v@llm\"",
        "--endpoint-selector app=vllm --endpoint-target-ports 1,2,3,4,5,6,7,8,9|--endpoint-target-ports: targetPorts: 9 entries (expected: 1..8)",
        "--endpoint-selector app=vllm --endpoint-target-ports 8000,http|--endpoint-target-ports: \"http\" (expected: port[,port...]",
        "--endpoint-selector app=vllm --endpoint-target-ports 8000,8000|--endpoint-target-ports: targetPorts: 8000 twice",
        "--pool-name llama --kubeconfig no/such/kubeconfig|--kubeconfig: no/such/kubeconfig (expected: a readable kubeconfig file)",
    })
    void flagMistakesAreInvalidInput(String args, String message) {
        assertThat(run(("serve " + args).split(" "))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void inconsistentLeaderElectionTimingIsInvalidInput() throws IOException {
        assertThat(run("serve", "--endpoints", "10.0.0.1:8000", "--ha-enable-leader-election", "--kubeconfig",
                kubeconfig(1).toString(), "--ha-lease-duration", "5s", "--ha-renew-deadline", "10s"))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("leader election: leaseDuration: PT5S (expected: > renewDeadline PT10S)");
    }

    @Test
    void anUnreachableClusterIsAStartupFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("serve", "--pool-name", "llama", "--kubeconfig", kubeconfig(closedPort).toString(),
                "--http-port", "0", "--admin-port", "0", "--bind", "127.0.0.1")).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString())
                .contains("sextant serve: ")
                .contains("Kubernetes: cannot watch InferencePool llm/llama: cannot reach the Kubernetes API server at"
                        + " http://127.0.0.1:" + closedPort);
    }

    private Path kubeconfig(int port) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: c, cluster: {server: "http://127.0.0.1:%d"}}
                contexts:
                - {name: c, context: {cluster: c, user: u, namespace: llm}}
                current-context: c
                users:
                - {name: u, user: {token: t}}
                """.formatted(port));
        return file;
    }
}
