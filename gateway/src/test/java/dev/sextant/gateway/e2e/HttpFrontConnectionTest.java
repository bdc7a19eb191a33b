package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.simulator.server.ReplicaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP front's connection handling, seen on the wire: keep-alive, pipelining, close, malformed input. */
class HttpFrontConnectionTest {
    private static LoopbackCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().instant(true).build());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", cluster.gateway().httpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
        try (Socket socket = connect()) {
            String ok = RawHttp.post("/v1/completions", LoopbackCluster.completionBody(2, false));
            String bad = RawHttp.post("/v1/completions", "{\"prompt\":\"no model\"}");
            write(socket, ok + bad + ok); // three requests in one write, without waiting for answers
            InputStream in = socket.getInputStream();
            RawHttp.Message first = RawHttp.read(in);
            RawHttp.Message second = RawHttp.read(in);
            RawHttp.Message third = RawHttp.read(in);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"usage\"");
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.body()).contains("model");
            assertThat(third.status()).as(third.body()).isEqualTo(200);
        }
    }

    @Test
    void morePipelinedRequestsThanMayWaitAreAllAnsweredInOrder() throws IOException {
        int requests = 48; // three times ClientConnection.MAX_WAITING: reading pauses and resumes
        try (Socket socket = connect()) {
            String ok = RawHttp.post("/v1/completions", LoopbackCluster.completionBody(1, false));
            String bad = RawHttp.post("/v1/completions", "{\"prompt\":\"no model\"}");
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < requests; i++) {
                all.append(i % 3 == 2 ? bad : ok);
            }
            write(socket, all.toString());
            InputStream in = socket.getInputStream();
            for (int i = 0; i < requests; i++) {
                RawHttp.Message answer = RawHttp.read(in);
                assertThat(answer.status()).as("answer %d: %s", i, answer.body()).isEqualTo(i % 3 == 2 ? 400 : 200);
            }
        }
    }

    @Test
    void aClientThatAsksForCloseGetsItsAnswerThenTheConnectionCloses() throws IOException {
        try (Socket socket = connect()) {
            write(socket, RawHttp.post("/v1/completions", LoopbackCluster.completionBody(2, false), "connection: close"));
            InputStream in = socket.getInputStream();
            RawHttp.Message answer = RawHttp.read(in);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void keepAliveIsTheDefaultAndAnH2cUpgradeIsIgnored() throws IOException {
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                write(socket, RawHttp.post("/v1/completions", LoopbackCluster.completionBody(2, false),
                        "upgrade: h2c", "connection: upgrade, http2-settings, x-drop-me", "http2-settings: AAMAAABkAAQAoAAAAAIAAAAA",
                        "x-drop-me: 1"));
                RawHttp.Message answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.headers()).doesNotContainKey("upgrade").doesNotContainKey("connection");
            }
        }
    }

    @Test
    void aMalformedRequestGetsAnOpenAiError() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "THIS IS NOT HTTP\r\n\r\n");
            RawHttp.Message answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"error\"").contains("request could not be read");
        }
    }

    @Test
    void tooLargeHeadersGet431() throws IOException {
        try (Socket socket = connect()) {
            write(socket, RawHttp.post("/v1/completions", LoopbackCluster.completionBody(2, false),
                    "x-big: " + "a".repeat(20_000)));
            RawHttp.Message answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.body()).contains("headers_too_large");
        }
    }

    @Test
    void pathsOutsideV1Get404NamingThePath() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /healthz HTTP/1.1\r\nhost: gateway\r\n\r\n");
            RawHttp.Message answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).contains("/healthz").contains("not_found");
        }
    }
}
