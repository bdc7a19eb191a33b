package dev.sextant.bench.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.sextant.api.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The driver against a real gRPC server on a loopback port (a {@link FakePicker}). Counts and outcomes only:
 * latencies depend on the machine and are never asserted.
 */
class ExtProcBenchTest {

    private static ExtProcBenchOptions options(int port, boolean tls, int bodyBytes, LoadShape load, Duration warmup,
            Duration duration) {
        return new ExtProcBenchOptions(URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port), BodyApi.CHAT,
                "m", bodyBytes, 16_384, 4, load, warmup, duration, Duration.ofSeconds(10), Duration.ZERO, 1_000, 1, 1);
    }

    private static Server serve(FakePicker picker, boolean tls) {
        var sb = Server.builder().service(GrpcService.builder().addService(picker).build());
        if (tls) {
            sb.https(0).tlsSelfSigned();
        } else {
            sb.http(0);
        }
        Server server = sb.build();
        server.start().join();
        return server;
    }

    @Test
    void openLoopSendsExactlyTheScheduledRequestsOfTheWindow() throws Exception {
        FakePicker picker = new FakePicker(false);
        Server server = serve(picker, false);
        try {
            List<String> progress = new ArrayList<>();
            ExtProcBenchOptions o = options(server.activeLocalPort(), false, 8_192, new LoadShape.FixedRate(200),
                    Duration.ofMillis(200), Duration.ofSeconds(1));
            ExtProcBenchResult r = new ExtProcBench(o, Clock.system()).run(progress::add);
            // Requests i = 40..239 are meant for [0.2 s, 1.2 s); the warm-up's 40 are sent but not counted.
            assertThat(r.sent()).isEqualTo(200);
            assertThat(r.succeeded()).isEqualTo(200);
            assertThat(r.failures()).isEmpty();
            assertThat(picker.bodiesReceived.get()).isEqualTo(240);
            assertThat(r.primaries()).containsOnly(Map.entry("10.0.0.7:8000", 200L));
            assertThat(r.added().count()).isEqualTo(200);
            assertThat(r.addedFromIntended().meanNanos()).isGreaterThanOrEqualTo(r.added().meanNanos());
            assertThat(ExtProcReport.render(o, r)).contains("sent 200 (200.0/s), succeeded 200 (200.0/s), failed 0",
                    "| added, from the intended send time |", "primary endpoints: 10.0.0.7:8000=200");
        } finally {
            server.stop().join();
        }
    }

    @Test
    void closedLoopOverTlsWithBodiesLargerThanAChunk() throws Exception {
        FakePicker picker = new FakePicker(false);
        Server server = serve(picker, true);
        try {
            ExtProcBenchOptions o = options(server.activeLocalPort(), true, 225_280, new LoadShape.FixedConcurrency(4),
                    Duration.ZERO, Duration.ofMillis(500));
            ExtProcBenchResult r = new ExtProcBench(o, Clock.system()).run(line -> {});
            assertThat(r.succeeded()).isPositive().isEqualTo(r.sent());
            assertThat(r.failures()).isEmpty();
            assertThat(ExtProcReport.render(o, r)).doesNotContain("from the intended send time");
        } finally {
            server.stop().join();
        }
    }

    @Test
    void modelTimeHoldsEachClosedLoopStreamBackByAtLeastHalfOfIt() throws Exception {
        Server server = serve(new FakePicker(false), false);
        try {
            ExtProcBenchOptions o = new ExtProcBenchOptions(URI.create("http://127.0.0.1:" + server.activeLocalPort()),
                    BodyApi.CHAT, "m", 2_000, 16_384, 4, new LoadShape.FixedConcurrency(5), Duration.ZERO,
                    Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100), 1_000, 1, 1);
            ExtProcBenchResult r = new ExtProcBench(o, Clock.system()).run(l -> {});
            // Each stream spends 50 to 150 ms per request in the model server: at most 20 requests a second each.
            assertThat(r.succeeded()).isPositive().isLessThanOrEqualTo(5 * 20 + 5);
            assertThat(r.failures()).isEmpty();
            assertThat(ExtProcReport.render(o, r)).contains("model server time 100 ms on average");
        } finally {
            server.stop().join();
        }
    }

    @Test
    void refusalsAreCountedByStatus() throws Exception {
        Server server = serve(new FakePicker(true), false);
        try {
            ExtProcBenchResult r = new ExtProcBench(options(server.activeLocalPort(), false, 1_000,
                    new LoadShape.FixedRate(100), Duration.ZERO, Duration.ofMillis(300)), Clock.system()).run(l -> {});
            assertThat(r.sent()).isEqualTo(30);
            assertThat(r.succeeded()).isZero();
            assertThat(r.failures()).containsOnly(Map.entry("immediate_429", 30L));
        } finally {
            server.stop().join();
        }
    }

    @Test
    void aPickerThatIsNotThereFailsEveryRequest() throws Exception {
        Server server = serve(new FakePicker(false), false);
        int port = server.activeLocalPort();
        server.stop().join();
        ExtProcBenchResult r = new ExtProcBench(options(port, false, 1_000, new LoadShape.FixedRate(50), Duration.ZERO,
                Duration.ofMillis(200)), Clock.system()).run(l -> {});
        assertThat(r.sent()).isEqualTo(10);
        assertThat(r.failed()).isEqualTo(10);
        assertThat(r.failures().keySet()).allSatisfy(k -> assertThat(k).startsWith("grpc_"));
    }
}
