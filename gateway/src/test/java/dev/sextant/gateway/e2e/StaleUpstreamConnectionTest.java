package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model server may close a kept-alive connection just as the gateway sends the next request on it
 * (its idle timeout ran out). The request never reached the server, so the gateway sends it again on
 * a fresh connection to the same server, and the client never sees the race.
 */
class StaleUpstreamConnectionTest {
    private final OneRequestPerConnectionServer server = new OneRequestPerConnectionServer();
    private Gateway gateway;

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        server.close();
    }

    @Test
    void aRequestOnAConnectionTheServerClosedIsSentAgainOnAFreshOne() throws Exception {
        CompiledConfig config = new ConfigLoader(PluginRegistry.builtins(), EnginePluginContext.production())
                .load(LoopbackCluster.CONFIG_WITH_FALLBACKS, "stale");
        gateway = Gateway.start(config, new StaticEndpointSource(List.of(Endpoint.of(server.id()))),
                GatewayOptions.builder().httpPort(0).adminPort(0).bindAddress("127.0.0.1")
                        .dataLayer(LoopbackCluster.FAST_SCRAPES).shutdownGrace(Duration.ZERO).build());
        awaitHealthy();
        for (int i = 0; i < 3; i++) {
            try (Socket client = new Socket("127.0.0.1", gateway.httpPort())) {
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                out.write(RawHttp.post("/v1/completions", LoopbackCluster.completionBody(1, false))
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                RawHttp.Message answer = RawHttp.read(client.getInputStream());
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
        }
        assertThat(server.dropped.get()).as("requests the server dropped on a reused connection").isGreaterThan(0);
        assertThat(server.answered.get()).isEqualTo(3);
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (gateway.store().view().eligible().isEmpty()) {
            assertThat(System.nanoTime()).as("the server's metrics were never scraped").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Answers {@code /metrics} as often as asked, but only one inference request per connection: a
     * second one on the same connection is dropped by closing it, as a server whose keep-alive timeout
     * just expired would.
     */
    private static final class OneRequestPerConnectionServer implements AutoCloseable {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        private final ServerSocket socket;

        OneRequestPerConnectionServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread.startVirtualThread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        Thread.startVirtualThread(() -> serve(connection));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        EndpointId id() {
            return EndpointId.parse("127.0.0.1:" + socket.getLocalPort());
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                boolean inferenceServed = false;
                for (RawHttp.Message request = RawHttp.read(in); request != null; request = RawHttp.read(in)) {
                    String path = request.startLine().split(" ")[1];
                    if (path.startsWith("/metrics")) {
                        reply(out, "text/plain", StubModelServer.VALID_METRICS);
                    } else if (inferenceServed) {
                        dropped.incrementAndGet();
                        return;
                    } else {
                        inferenceServed = true;
                        answered.incrementAndGet();
                        reply(out, "application/json", "{\"id\":\"cmpl-1\",\"object\":\"text_completion\","
                                + "\"choices\":[{\"index\":0,\"text\":\"hi\"}],"
                                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}");
                    }
                }
            } catch (IOException e) {
                // the gateway went away
            }
        }

        private static void reply(OutputStream out, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: " + type + "\r\ncontent-length: " + bytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
