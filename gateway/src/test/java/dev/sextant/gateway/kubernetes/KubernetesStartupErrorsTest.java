package dev.sextant.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sextant.api.SextantException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A missing cluster, missing RBAC or a missing CRD stop start-up with a message saying what to fix,
 * through a client built from a kubeconfig file as {@code --kubeconfig} builds it.
 */
class KubernetesStartupErrorsTest {
    private static final DiscoveryTarget POOL = new DiscoveryTarget.Pool("llm", "llama");
    private static final DiscoveryTarget SELECTOR = new DiscoveryTarget.Selector("llm",
            new PodSelection(Map.of("app", "vllm"), List.of(8000)));

    @TempDir
    Path dir;
    private HttpServer server;
    private KubernetesClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** An API server that answers every request with {@code status} and a Kubernetes Status body. */
    private int refusingServer(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + status
                    + ",\"message\":\"refused by the test\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private KubernetesClient clientFor(int port) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "http://127.0.0.1:%d"}
                contexts:
                - name: test
                  context: {cluster: test, user: test, namespace: llm}
                current-context: test
                users:
                - name: test
                  user: {token: not-a-real-token}
                """.formatted(port));
        client = KubernetesClients.connect(kubeconfig);
        return client;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(403, POOL, "cannot watch InferencePool llm/llama: forbidden: the service account needs RBAC"
                        + " get, list, watch on inferencepools.inference.networking.k8s.io in namespace llm"),
                Arguments.of(403, SELECTOR, "cannot watch pods in namespace llm: forbidden: the service account needs"
                        + " RBAC get, list, watch on pods in namespace llm"),
                Arguments.of(401, SELECTOR, "unauthorized: the credentials were refused"),
                Arguments.of(404, POOL, "cannot watch InferencePool llm/llama: not found: is the resource's CRD installed?"));
    }

    @ParameterizedTest(name = "HTTP {0} for {1}")
    @MethodSource("refusals")
    void aRefusalIsAClearStartupError(int status, DiscoveryTarget target, String message) throws IOException {
        KubernetesEndpointSource source = new KubernetesEndpointSource(clientFor(refusingServer(status)), target,
                Duration.ofSeconds(60));
        assertThatThrownBy(() -> source.start(endpoints -> {}))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anUnreachableApiServerIsAClearStartupError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KubernetesClient unreachable = clientFor(closedPort);
        KubernetesEndpointSource source = new KubernetesEndpointSource(unreachable, SELECTOR, Duration.ofSeconds(60));
        assertThatThrownBy(() -> source.start(endpoints -> {}))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("cannot reach the Kubernetes API server at http://127.0.0.1:" + closedPort);
        LeaderElection election = new LeaderElection(unreachable,
                LeaderElectionOptions.withDefaultTiming("llm", "sextant-llama", "a"));
        assertThatThrownBy(election::start)
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("cannot read Lease llm/sextant-llama: cannot reach the Kubernetes API server");
    }

    @Test
    void leaseRbacIsCheckedAtStart() throws IOException {
        LeaderElection election = new LeaderElection(clientFor(refusingServer(403)),
                LeaderElectionOptions.withDefaultTiming("llm", "sextant-llama", "a"));
        assertThatThrownBy(election::start)
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("needs RBAC get, create, update, patch on leases.coordination.k8s.io in namespace llm");
        assertThat(election.isLeader()).isFalse();
    }

    @Test
    void anUnreadableKubeconfigIsInvalidInput() {
        assertThatThrownBy(() -> KubernetesClients.connect(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kubeconfig: ")
                .hasMessageContaining("(expected: a readable kubeconfig file)");
    }

    @Test
    void theNamespaceComesFromTheFlagThenTheEnvironmentThenTheClient() throws IOException {
        KubernetesClient fromFile = clientFor(1);
        assertThat(KubernetesClients.namespace("flag", Map.of("NAMESPACE", "env"), fromFile)).isEqualTo("flag");
        assertThat(KubernetesClients.namespace(null, Map.of("NAMESPACE", "env"), fromFile)).isEqualTo("env");
        assertThat(KubernetesClients.namespace(null, Map.of(), fromFile)).isEqualTo("llm");
        assertThat(KubernetesClients.namespace(null, Map.of(), null)).isEqualTo(KubernetesClients.DEFAULT_NAMESPACE);
    }
}
