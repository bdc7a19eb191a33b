package dev.sextant.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.gateway.ReadinessFlag;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Readiness is composable: a gateway whose readiness gate is closed (a standby replica) is alive but
 * not ready, on {@code /readyz} and on every grpc.health.v1 service name GIE's probes use.
 */
class HealthServiceTest {
    private final ReadinessFlag leader = new ReadinessFlag(false);
    private Gateway gateway;
    private HealthGrpc.HealthBlockingStub health;

    @BeforeEach
    void start() {
        var config = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production()).loadDefault();
        gateway = Gateway.start(config, new StaticEndpointSource(List.of(Endpoint.of("10.0.0.9:8000"))),
                GatewayOptions.builder().httpPort(GatewayOptions.DISABLED).grpcHealthPort(0).adminPort(0)
                        .bindAddress("127.0.0.1").shutdownGrace(Duration.ZERO).build(), leader);
        health = GrpcClients.newClient("http://127.0.0.1:" + gateway.grpcHealthPort(), HealthGrpc.HealthBlockingStub.class);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ServingStatus check(String service) {
        return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    private int readyz() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort()
                + "/readyz")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest(name = "service ''{0}'': {1} while the gate is closed, {2} once it opens")
    @CsvSource(delimiter = '|', value = {
        "''|NOT_SERVING|SERVING",
        "readiness|NOT_SERVING|SERVING",
        "envoy.service.ext_proc.v3.ExternalProcessor|NOT_SERVING|SERVING",
        "liveness|SERVING|SERVING"})
    void serviceNamesFollowTheGate(String service, ServingStatus closed, ServingStatus open) throws Exception {
        assertThat(check(service)).isEqualTo(closed);
        assertThat(readyz()).isEqualTo(503);
        leader.set(true);
        assertThat(check(service)).isEqualTo(open);
        assertThat(readyz()).isEqualTo(200);
    }

    @Test
    void anUnknownServiceIsNotFound() {
        assertThatThrownBy(() -> check("inference-extension"))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("NOT_FOUND")
                .hasMessageContaining(ExternalProcessorGrpc.SERVICE_NAME);
    }

    @Test
    void aWatchSeesReadinessComeAndGo() {
        Iterator<HealthCheckResponse> watch = health.watch(HealthCheckRequest.newBuilder().setService("readiness").build());
        assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        leader.set(true);
        assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVING);
        leader.set(false);
        assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        gateway.close();
        // Closing makes the process not live either; the watch hears it or ends: both are fine for a prober.
    }
}
