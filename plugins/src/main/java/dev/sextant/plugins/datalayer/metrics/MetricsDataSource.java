package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.datalayer.PollingDataSource;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.SimplePluginFactory;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import dev.sextant.plugins.datalayer.prometheus.PrometheusParseException;
import dev.sextant.plugins.datalayer.prometheus.PrometheusTextParser;
import dev.sextant.plugins.datalayer.prometheus.SampleConsumer;
import dev.sextant.plugins.datalayer.prometheus.SampleNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GIE's {@code metrics-data-source}: scrapes {@code <scheme>://<endpoint>/metrics} and hands the
 * parsed exposition to its extractors.
 *
 * <p>Every scrape either returns a {@link ParsedMetrics} or throws a {@link ScrapeException} naming
 * the URL and the reason: unreachable, a status other than 200, a body over {@code maxBodyBytes}, a
 * body that is not Prometheus text, or no complete response within {@code timeout}. The timeout
 * bounds the whole scrape, body included, so a server that trickles bytes cannot hold a poll
 * longer; it is wall-clock time, since it bounds real I/O.
 *
 * <p>Thread-safe: one HTTP client (created on the first scrape, running its work on virtual
 * threads, reusing connections) serves every endpoint. {@link #close} releases it.
 */
public final class MetricsDataSource implements PollingDataSource<ParsedMetrics>, AutoCloseable {
    public static final String TYPE = "metrics-data-source";

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "scrapes each endpoint's Prometheus /metrics page and parses it for the metrics extractor",
            (name, params, ctx) -> new MetricsDataSource(name, ScrapeSettings.from(params)));

    private static final String ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    private final String name;
    private final ScrapeSettings settings;
    private final Object clientLock = new Object();
    private volatile HttpClient client;
    /** The samples the bound extractors read, or null to keep every sample. */
    private volatile SampleNames wanted;
    private ExecutorService executor;
    private volatile boolean closed;

    public MetricsDataSource(String name, ScrapeSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    /** How this source scrapes. */
    public ScrapeSettings settings() {
        return settings;
    }

    @Override
    public Class<ParsedMetrics> outputType() {
        return ParsedMetrics.class;
    }

    /** The URL scraped for {@code endpoint}. */
    public URI uri(Endpoint endpoint) {
        return URI.create(settings.scheme() + "://" + endpoint.id() + settings.path());
    }

    /**
     * Scrapes {@code endpoint} once.
     *
     * @throws ScrapeException if the scrape failed, with the reason and the URL
     * @throws InterruptedException if the calling thread was interrupted; the request is cancelled
     */
    @Override
    public ParsedMetrics poll(Endpoint endpoint) throws InterruptedException {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri;
        CompletableFuture<HttpResponse<CappedBody>> response;
        try {
            uri = uri(endpoint);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(settings.timeout())
                    .header("Accept", ACCEPT)
                    .build();
            response = client().sendAsync(request, this::bodySubscriber);
        } catch (IllegalArgumentException e) {
            // A host the URL syntax cannot carry: this endpoint can never be scraped as configured.
            throw new ScrapeException(ScrapeException.Reason.UNREACHABLE,
                    "GET " + settings.scheme() + "://" + endpoint.id() + settings.path() + ": " + e.getMessage(), e);
        }
        CappedBody body;
        try {
            body = response.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS).body();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timeout(uri);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
        try {
            SampleNames names = wanted;
            return names == null ? PrometheusTextParser.parse(body.bytes(), 0, body.length())
                    : PrometheusTextParser.parse(body.bytes(), 0, body.length(), names);
        } catch (PrometheusParseException e) {
            throw new ScrapeException(ScrapeException.Reason.NOT_PROMETHEUS, "GET " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * When every extractor reading this source says which samples it reads ({@link SampleConsumer}),
     * scrapes keep only those; otherwise every sample.
     */
    @Override
    public void boundTo(List<? extends Extractor<?>> extractors) {
        Set<String> names = new TreeSet<>();
        for (Extractor<?> extractor : extractors) {
            if (!(extractor instanceof SampleConsumer consumer)) {
                wanted = null;
                return;
            }
            names.addAll(consumer.sampleNames().names());
        }
        wanted = extractors.isEmpty() ? null : SampleNames.of(names);
    }

    /** The samples scrapes keep, or null for all; for tests. */
    SampleNames wantedSamples() {
        return wanted;
    }

    private HttpResponse.BodySubscriber<CappedBody> bodySubscriber(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            // Refuse without reading: an error page is not worth its bytes, and cancelling closes the connection.
            return failing(new StatusException(info.statusCode()));
        }
        long announced = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (announced > settings.maxBodyBytes()) {
            return failing(new CappedBody.TooLargeException(announced, settings.maxBodyBytes()));
        }
        return CappedBody.subscriber(settings.maxBodyBytes(), announced);
    }

    private static HttpResponse.BodySubscriber<CappedBody> failing(Exception failure) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<CappedBody> result = CompletableFuture.failedFuture(failure);

            @Override
            public CompletionStage<CappedBody> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        };
    }

    /** A status other than 200, turned into a {@link ScrapeException} with the URL by {@link #failure}. */
    private static final class StatusException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        StatusException(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private ScrapeException failure(URI uri, Throwable thrown) {
        // The client wraps what a body subscriber or the network threw; the first known cause decides.
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
            switch (t) {
                case StatusException s -> {
                    return new ScrapeException(ScrapeException.Reason.HTTP_STATUS,
                            "GET " + uri + ": HTTP " + s.status + " (expected: 200)");
                }
                case CappedBody.TooLargeException e -> {
                    return new ScrapeException(ScrapeException.Reason.TOO_LARGE, "GET " + uri + ": " + e.getMessage());
                }
                case HttpConnectTimeoutException e -> {
                    return new ScrapeException(ScrapeException.Reason.TIMEOUT,
                            "GET " + uri + ": could not connect within " + settings.timeout(), e);
                }
                case HttpTimeoutException e -> {
                    return timeout(uri);
                }
                default -> {
                    // Look further down the chain.
                }
            }
        }
        Throwable root = thrown;
        while (root instanceof CompletionException && root.getCause() != null) {
            root = root.getCause();
        }
        return new ScrapeException(ScrapeException.Reason.UNREACHABLE, "GET " + uri + ": " + describe(root), root);
    }

    private ScrapeException timeout(URI uri) {
        return new ScrapeException(ScrapeException.Reason.TIMEOUT,
                "GET " + uri + ": no complete response within " + settings.timeout());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c != null && !closed) {
            return c;
        }
        synchronized (clientLock) {
            if (closed) {
                throw new IllegalStateException("metrics data source '" + name + "' is closed");
            }
            if (client == null) {
                executor = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("scrape-" + name + "-", 0).factory());
                HttpClient.Builder builder = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        // Endpoints are pod or host addresses reached directly, never through a proxy.
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(settings.timeout())
                        .executor(executor);
                if (settings.scheme().equals("https") && settings.insecureSkipVerify()) {
                    builder.sslContext(TrustingSsl.context());
                }
                client = builder.build();
            }
            return client;
        }
    }

    /** Stops the HTTP client: scrapes in flight fail, later ones are refused. Idempotent. */
    @Override
    public void close() {
        synchronized (clientLock) {
            closed = true;
            if (client != null) {
                client.shutdownNow();
                executor.shutdownNow();
            }
        }
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", " + settings + '}';
    }
}
