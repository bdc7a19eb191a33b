package dev.sextant.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two Sextant replicas on one Lease of the mock API server: one leads, the other takes over. */
class LeaderElectionTest {
    private static final String LEASE = "sextant-llama";

    private final MockCluster cluster = new MockCluster();
    private final KubernetesClient admin = cluster.client();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
        cluster.close();
    }

    /** Short but not tight timing: the build machine is shared, and a slow renewal must not cost the lease. */
    private LeaderElection replica(String identity) {
        LeaderElection election = new LeaderElection(cluster.client(), new LeaderElectionOptions(MockCluster.NAMESPACE,
                LEASE, identity, Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500)));
        running.add(election);
        election.start();
        return election;
    }

    private String holder() {
        Lease lease = admin.resources(Lease.class).inNamespace(MockCluster.NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void awaitOneLeader(LeaderElection a, LeaderElection b) {
        Await.until("exactly one replica leads", () -> a.isLeader() != b.isLeader(),
                () -> "a=" + a.isLeader() + " b=" + b.isLeader());
    }

    @Test
    void twoReplicasElectOneLeaderAndTheOtherTakesOverWhenItStopsRenewing() {
        LeaderElection a = replica("replica-a");
        LeaderElection b = replica("replica-b");
        awaitOneLeader(a, b);
        LeaderElection leader = a.isLeader() ? a : b;
        LeaderElection standby = leader == a ? b : a;
        String leaderId = leader == a ? "replica-a" : "replica-b";
        String standbyId = leader == a ? "replica-b" : "replica-a";
        Await.until("the lease names the leader", () -> leaderId.equals(holder()), this::holder);

        // The leader stops renewing without a word, as a crashed or partitioned replica does.
        leader.abandon();

        Await.until("the standby leads", standby::isLeader, this::holder);
        assertThat(leader.isLeader()).isFalse();
        Await.until("the lease names the new leader", () -> standbyId.equals(holder()), this::holder);
    }

    @Test
    void onlyTheLeaderIsReadyAndACleanShutdownHandsOver() throws Exception {
        LeaderElection a = replica("replica-a");
        LeaderElection b = replica("replica-b");
        Gateway gatewayA = gateway(a);
        Gateway gatewayB = gateway(b);
        awaitOneLeader(a, b);
        Await.until("only the leader's /readyz is 200",
                () -> (readyz(gatewayA) == 200) == a.isLeader() && (readyz(gatewayB) == 200) == b.isLeader()
                        && readyz(gatewayA) != readyz(gatewayB),
                () -> "a=" + readyz(gatewayA) + " b=" + readyz(gatewayB));

        LeaderElection leader = a.isLeader() ? a : b;
        Gateway standbyGateway = leader == a ? gatewayB : gatewayA;
        Gateway leaderGateway = leader == a ? gatewayA : gatewayB;
        leader.close(); // releases the lease

        Await.until("the former standby is ready", () -> readyz(standbyGateway) == 200,
                () -> "standby=" + readyz(standbyGateway));
        assertThat(readyz(leaderGateway)).isEqualTo(503);
    }

    private Gateway gateway(LeaderElection election) {
        Gateway gateway = Gateway.start(
                new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production()).loadDefault(),
                new StaticEndpointSource(List.of(Endpoint.of("127.0.0.1:1"))),
                GatewayOptions.builder().httpPort(GatewayOptions.DISABLED).adminPort(0).bindAddress("127.0.0.1")
                        .shutdownGrace(Duration.ZERO).build(),
                election);
        running.add(gateway);
        return gateway;
    }

    private int readyz(Gateway gateway) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + "/readyz"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> badTiming() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        "leaseDuration: PT10S (expected: > renewDeadline PT10S)"),
                Arguments.of(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2),
                        "renewDeadline: PT2S (expected: > 1.2 x retryPeriod PT2S)"),
                Arguments.of(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ZERO,
                        "retryPeriod: PT0S (expected: > 0)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badTiming")
    void inconsistentTimingIsRefused(Duration lease, Duration renew, Duration retry, String message) {
        assertThatThrownBy(() -> new LeaderElectionOptions("llm", LEASE, "a", lease, renew, retry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void leaseNamesMustBeKubernetesNames() {
        assertThatThrownBy(() -> LeaderElectionOptions.withDefaultTiming("llm", "Sextant_Lease", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("leaseName: \"Sextant_Lease\" (expected: a DNS subdomain name");
    }
}
