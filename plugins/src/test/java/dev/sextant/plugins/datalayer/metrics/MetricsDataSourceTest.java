package dev.sextant.plugins.datalayer.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.plugins.TestPluginContext;
import dev.sextant.plugins.datalayer.MetricsFixtures;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data source against a real HTTP server on a free loopback port, for every way a scrape can go. */
class MetricsDataSourceTest {
    /** For the tests that want a timeout: the server is blocked until the test ends, so it always expires. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** For every other test: so long that a loaded build machine never turns an answer into a timeout. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HttpServer server;
    private Endpoint endpoint;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        serve(server);
        server.start();
        endpoint = Endpoint.of("127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() throws Exception {
        release.countDown();
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.stop(0);
    }

    private void serve(HttpServer s) {
        byte[] fixture = MetricsFixtures.VLLM_V0.bytes();
        s.createContext("/metrics", exchange -> respond(exchange, 200, fixture));
        s.createContext("/custom/path", exchange -> respond(exchange, 200, "custom_metric 42\n".getBytes(UTF_8)));
        s.createContext("/error", exchange -> respond(exchange, 500, "Internal Server Error".getBytes(UTF_8)));
        s.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/metrics");
            respond(exchange, 302, new byte[0]);
        });
        s.createContext("/html", exchange -> respond(exchange, 200,
                "<!DOCTYPE html>\n<html><body>Service Unavailable</body></html>\n".getBytes(UTF_8)));
        s.createContext("/binary", exchange -> {
            byte[] junk = new byte[4096];
            Arrays.fill(junk, (byte) 0xff);
            for (int i = 100; i < junk.length; i += 100) {
                junk[i] = '\n';
            }
            respond(exchange, 200, junk);
        });
        s.createContext("/partly-garbage", exchange -> respond(exchange, 200,
                "vllm:num_requests_waiting 3\nvllm:num_requests_running{oops 2\n".getBytes(UTF_8)));
        s.createContext("/empty", exchange -> respond(exchange, 200, new byte[0]));
        s.createContext("/slow", exchange -> {
            await();
            respond(exchange, 200, fixture);
        });
        s.createContext("/trickle", exchange -> streamUntilReleased(exchange, 0, new byte[] {'#'}));
        s.createContext("/huge-announced", exchange -> streamUntilReleased(exchange, 10_000_000, new byte[64 * 1024]));
        s.createContext("/huge-chunked", exchange -> streamUntilReleased(exchange, 0, "x 1\n".repeat(16 * 1024)
                .getBytes(UTF_8)));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // The client gave up on this response; that is what some tests want.
        }
    }

    /** Sends headers, then {@code chunk} over and over, pausing between chunks until the test ends. */
    private void streamUntilReleased(HttpExchange exchange, long announcedLength, byte[] chunk) {
        try (exchange) {
            exchange.sendResponseHeaders(200, announcedLength);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 1000 && release.getCount() > 0; i++) {
                out.write(chunk);
                out.flush();
                if (chunk.length == 1) {
                    await();
                }
            }
        } catch (IOException e) {
            // The client closed the connection: the body was refused, as the test expects.
        }
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MetricsDataSource source(ScrapeSettings settings) {
        MetricsDataSource source = new MetricsDataSource("metrics", settings);
        toClose.add(source);
        return source;
    }

    private MetricsDataSource source(String path) {
        return source(ScrapeSettings.defaults().withPath(path).withTimeout(LONG_TIMEOUT));
    }

    private ScrapeException scrapeFails(String path, ScrapeException.Reason reason) {
        return scrapeFails(path, reason, LONG_TIMEOUT);
    }

    private ScrapeException scrapeFails(String path, ScrapeException.Reason reason, Duration timeout) {
        MetricsDataSource source = source(ScrapeSettings.defaults().withPath(path).withTimeout(timeout));
        AtomicReference<ScrapeException> thrown = new AtomicReference<>();
        assertThatThrownBy(() -> source.poll(endpoint))
                .isInstanceOfSatisfying(ScrapeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).startsWith("GET " + source.uri(endpoint) + ": ");
                    thrown.set(e);
                });
        return thrown.get();
    }

    @Test
    void returnsTheParsedPageOnSuccess() throws Exception {
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        ParsedMetrics metrics = source.poll(endpoint);
        assertThat(metrics.value("vllm:num_requests_waiting")).hasValue(0.0);
        assertThat(metrics.sampleCount()).isEqualTo(MetricsFixtures.VLLM_V0.samples());
        assertThat(source.uri(endpoint)).hasToString("http://" + endpoint.id() + "/metrics");
        // The connection is reused: a second scrape works the same.
        assertThat(source.poll(endpoint).sampleCount()).isEqualTo(MetricsFixtures.VLLM_V0.samples());
    }

    @Test
    void boundToExtractorsThatNameTheirSamplesItKeepsOnlyThose() throws Exception {
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        MetricsExtractor extractor = (MetricsExtractor) MetricsExtractor.FACTORY.create("metrics",
                PluginParameters.of(Map.of()), TestPluginContext.seeded(1));
        source.boundTo(List.of(extractor));
        assertThat(source.wantedSamples().names()).isEqualTo(extractor.sampleNames().names());
        ParsedMetrics metrics = source.poll(endpoint);
        assertThat(metrics.value("vllm:num_requests_waiting")).hasValue(0.0);
        assertThat(metrics.sampleCount()).isLessThan(MetricsFixtures.VLLM_V0.samples());

        source.boundTo(List.of(extractor, new NamesNothingExtractor()));
        assertThat(source.wantedSamples()).as("an extractor that does not say what it reads gets everything").isNull();
        assertThat(source.poll(endpoint).sampleCount()).isEqualTo(MetricsFixtures.VLLM_V0.samples());
    }

    /** An extractor of parsed metrics that does not say which samples it reads. */
    private static final class NamesNothingExtractor implements dev.sextant.api.datalayer.Extractor<ParsedMetrics> {
        @Override
        public String type() {
            return "names-nothing";
        }

        @Override
        public String name() {
            return "names-nothing";
        }

        @Override
        public Class<ParsedMetrics> inputType() {
            return ParsedMetrics.class;
        }

        @Override
        public void extract(ParsedMetrics data, dev.sextant.api.datalayer.EndpointUpdate update) {}
    }

    @Test
    void scrapesTheConfiguredPath() throws Exception {
        assertThat(source("/custom/path").poll(endpoint).value("custom_metric")).hasValue(42.0);
    }

    @Test
    void refusesAStatusOtherThan200() {
        assertThat(scrapeFails("/error", ScrapeException.Reason.HTTP_STATUS))
                .hasMessageEndingWith("/error: HTTP 500 (expected: 200)");
        assertThat(scrapeFails("/moved", ScrapeException.Reason.HTTP_STATUS))
                .hasMessageEndingWith("/moved: HTTP 302 (expected: 200)");
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        assertThat(scrapeFails("/slow", ScrapeException.Reason.TIMEOUT, SHORT_TIMEOUT))
                .hasMessageEndingWith(" within PT0.3S");
    }

    @Test
    void givesUpOnABodyThatNeverEnds() {
        assertThat(scrapeFails("/trickle", ScrapeException.Reason.TIMEOUT, SHORT_TIMEOUT))
                .hasMessageEndingWith("/trickle: no complete response within PT0.3S");
    }

    @Test
    void refusesABodyAnnouncedLargerThanTheLimit() {
        MetricsDataSource source = source(ScrapeSettings.defaults().withPath("/huge-announced").withMaxBodyBytes(1024)
                .withTimeout(LONG_TIMEOUT));
        assertThatThrownBy(() -> source.poll(endpoint))
                .isInstanceOfSatisfying(ScrapeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScrapeException.Reason.TOO_LARGE))
                .hasMessageEndingWith(
                        "/huge-announced: body of 10000000 bytes (expected: at most 1024, the maxBodyBytes parameter)");
    }

    @Test
    void refusesAStreamedBodyOnceItPassesTheLimit() {
        MetricsDataSource source = source(ScrapeSettings.defaults().withPath("/huge-chunked")
                .withMaxBodyBytes(200_000).withTimeout(LONG_TIMEOUT));
        assertThatThrownBy(() -> source.poll(endpoint))
                .isInstanceOfSatisfying(ScrapeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScrapeException.Reason.TOO_LARGE))
                .hasMessageEndingWith(
                        "/huge-chunked: body of more than 200000 bytes"
                                + " (expected: at most 200000, the maxBodyBytes parameter)");
    }

    @Test
    void refusesABodyThatIsNotPrometheusText() {
        assertThat(scrapeFails("/html", ScrapeException.Reason.NOT_PROMETHEUS))
                .hasMessageContaining("not a Prometheus text exposition")
                .hasMessageContaining("line 1: ");
        scrapeFails("/binary", ScrapeException.Reason.NOT_PROMETHEUS);
    }

    @Test
    void keepsTheValidLinesOfAPartlyBrokenPage() throws Exception {
        ParsedMetrics metrics = source("/partly-garbage").poll(endpoint);
        assertThat(metrics.value("vllm:num_requests_waiting")).hasValue(3.0);
        assertThat(metrics.skippedLines()).isEqualTo(1);
        assertThat(source("/empty").poll(endpoint).families()).isEmpty();
    }

    @Test
    void reportsAnEndpointThatRefusesConnections() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        Endpoint closed = Endpoint.of("127.0.0.1:" + port);
        assertThatThrownBy(() -> source.poll(closed))
                .isInstanceOfSatisfying(ScrapeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScrapeException.Reason.UNREACHABLE))
                .hasMessageStartingWith("GET http://127.0.0.1:" + port + "/metrics: ");
    }

    @Test
    void reportsAHostThatNoUrlCanCarry() {
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        Endpoint odd = Endpoint.of("bad_host:8000");
        assertThatThrownBy(() -> source.poll(odd))
                .isInstanceOfSatisfying(ScrapeException.class,
                        e -> assertThat(e.reason()).isEqualTo(ScrapeException.Reason.UNREACHABLE))
                .hasMessageStartingWith("GET http://bad_host:8000/metrics: ");
    }

    @Test
    void servesManyVirtualThreadsAtOnce() throws Exception {
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ParsedMetrics>> scrapes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                scrapes.add(threads.submit(() -> source.poll(endpoint)));
            }
            for (Future<ParsedMetrics> scrape : scrapes) {
                assertThat(scrape.get().sampleCount()).isEqualTo(MetricsFixtures.VLLM_V0.samples());
            }
        }
    }

    @Test
    void anInterruptedScrapeStopsWaiting() throws Exception {
        MetricsDataSource source = source(ScrapeSettings.defaults().withPath("/slow").withTimeout(Duration.ofMinutes(1)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread scraper = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                source.poll(endpoint);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        started.await();
        scraper.interrupt();
        scraper.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void refusesToScrapeOnceClosed() throws Exception {
        MetricsDataSource source = source(ScrapeSettings.defaults().withTimeout(LONG_TIMEOUT));
        source.poll(endpoint);
        source.close();
        source.close();
        assertThatThrownBy(() -> source.poll(endpoint)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metrics data source 'metrics' is closed");
    }

    @Test
    void acceptsAnyCertificateOnlyWhenToldTo(@TempDir Path dir) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSignedContext(dir)));
        https.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        serve(https);
        https.start();
        try {
            Endpoint secure = Endpoint.of("127.0.0.1:" + https.getAddress().getPort());
            MetricsDataSource insecure =
                    source(ScrapeSettings.defaults().withScheme("https", true).withTimeout(LONG_TIMEOUT));
            assertThat(insecure.poll(secure).sampleCount()).isEqualTo(MetricsFixtures.VLLM_V0.samples());
            assertThat(insecure.uri(secure).getScheme()).isEqualTo("https");
            MetricsDataSource verifying =
                    source(ScrapeSettings.defaults().withScheme("https", false).withTimeout(LONG_TIMEOUT));
            assertThatThrownBy(() -> verifying.poll(secure))
                    .isInstanceOfSatisfying(ScrapeException.class,
                            e -> assertThat(e.reason()).isEqualTo(ScrapeException.Reason.UNREACHABLE));
        } finally {
            https.stop(0);
        }
    }

    /** A TLS context with a fresh self-signed certificate made by the JDK's keytool. */
    private static SSLContext selfSignedContext(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void readsGieParametersWithDefaults() {
        PluginParameters params = PluginParameters.empty();
        MetricsDataSource source = (MetricsDataSource) MetricsDataSource.FACTORY.create("m", params,
                TestPluginContext.seeded(1));
        assertThat(params.problems()).isEmpty();
        assertThat(source.settings()).isEqualTo(ScrapeSettings.defaults());
        assertThat(params.resolved()).containsExactly(Map.entry("scheme", "http"), Map.entry("path", "/metrics"),
                Map.entry("insecureSkipVerify", true), Map.entry("timeout", Duration.ofSeconds(5)),
                Map.entry("maxBodyBytes", 4 * 1024 * 1024));
        assertThat(source.outputType()).isEqualTo(ParsedMetrics.class);
        assertThat(source.type()).isEqualTo("metrics-data-source");

        PluginParameters custom = PluginParameters.of(Map.of("scheme", "https", "path", "/stats/prometheus",
                "insecureSkipVerify", false, "timeout", "750ms", "maxBodyBytes", 65536));
        MetricsDataSource configured = (MetricsDataSource) MetricsDataSource.FACTORY.create("m", custom,
                TestPluginContext.seeded(1));
        assertThat(custom.problems()).isEmpty();
        assertThat(configured.settings()).isEqualTo(
                new ScrapeSettings("https", "/stats/prometheus", false, Duration.ofMillis(750), 65536));
    }

    @Test
    void refusesInvalidParametersAllAtOnce() {
        PluginParameters params = PluginParameters.of(Map.of("scheme", "ftp", "path", "metrics", "timeout", "0s",
                "maxBodyBytes", 0, "insecureSkipVerify", "yes", "interval", "50ms"));
        MetricsDataSource.FACTORY.create("m", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).containsExactly(
                "scheme: \"ftp\" (expected: http or https)",
                "path: \"metrics\" (expected: a URL path starting with /)",
                "insecureSkipVerify: \"yes\" (expected: true or false)",
                "timeout: PT0S (expected: > 0)",
                "maxBodyBytes: 0 (expected: > 0)");
        assertThat(params.unknownKeys()).containsExactly("interval");
        assertThatThrownBy(() -> ScrapeSettings.defaults().withPath("/a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path: \"/a b\" (expected: a URL path starting with /)");
        assertThatThrownBy(() -> ScrapeSettings.defaults().withTimeout(Duration.ofSeconds(-1)))
                .hasMessage("timeout: PT-1S (expected: > 0)");
    }
}
