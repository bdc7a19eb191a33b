package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.simulator.server.ReplicaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP front closes a client connection that sits idle with no request in flight, so idle
 * keep-alive connections cannot pile up; a request that takes longer than the idle timeout is not cut.
 */
class ClientIdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private static LoopbackCluster cluster;

    @BeforeAll
    static void start() {
        // Not instant: a 128-token answer takes the simulated GPU time, longer than the idle timeout.
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().build(), LoopbackCluster.CONFIG_WITH_FALLBACKS,
                List.of(), b -> b.clientIdleTimeout(IDLE));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RawHttp.Message exchange(Socket socket, int maxTokens) throws IOException {
        socket.getOutputStream().write(RawHttp.post("/v1/completions", LoopbackCluster.completionBody(maxTokens, false))
                .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream());
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cluster.gateway().httpPort())) {
            socket.setSoTimeout(10_000);
            assertThat(exchange(socket, 1).status()).isEqualTo(200);
            long idleFrom = System.nanoTime();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the gateway closes the idle connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
    }

    @Test
    void aRequestLongerThanTheIdleTimeoutIsAnsweredOnTheSameConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cluster.gateway().httpPort())) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            RawHttp.Message answer = exchange(socket, 128);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(took).as("the request must outlast the idle timeout for this test to mean anything")
                    .isGreaterThan(IDLE.multipliedBy(2));
            assertThat(exchange(socket, 1).status()).as("the connection is still usable").isEqualTo(200);
        }
    }
}
