package dev.sextant.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ext_proc without TLS ({@code --secure-serving=false}) and the grpc.health.v1 server beside it. */
class ExtProcPlaintextTest {

    @Test
    void servesPlainTextAndReportsHealth() throws Exception {
        // No metrics collection: the endpoint is a made-up address, and this test is about the transport.
        var config = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production())
                .load("apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n"
                        + "dataLayer: {sources: []}\n", "plaintext-test");
        try (Gateway gateway = Gateway.start(config, new StaticEndpointSource(List.of(Endpoint.of("10.0.0.9:8000"))),
                GatewayOptions.builder().httpPort(GatewayOptions.DISABLED).extProcPort(0).grpcHealthPort(0).adminPort(0)
                        .secureServing(false).bindAddress("127.0.0.1").shutdownGrace(Duration.ZERO).build())) {
            var health = GrpcClients.newClient("http://127.0.0.1:" + gateway.grpcHealthPort(),
                    HealthGrpc.HealthBlockingStub.class);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            var stub = GrpcClients.newClient("http://127.0.0.1:" + gateway.extProcPort(),
                    ExternalProcessorGrpc.ExternalProcessorStub.class);
            EnvoyStream s = new EnvoyStream(stub).requestHeaders("POST", "/v1/completions", Map.of(), false, null)
                    .requestBody("{\"model\":\"m\",\"prompt\":\"x\"}", true);
            assertThat(s.next().getRequestHeaders().getResponse().getHeaderMutation().getSetHeaders(0).getHeader()
                    .getRawValue().toStringUtf8()).isEqualTo("10.0.0.9:8000");
            s.close();
        }
    }
}
