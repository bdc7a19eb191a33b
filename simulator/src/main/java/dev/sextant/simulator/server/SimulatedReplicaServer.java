package dev.sextant.simulator.server;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.CommonPools;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sextant.api.SextantException;
import dev.sextant.simulator.engine.EngineConfig;
import dev.sextant.simulator.engine.EngineSnapshot;
import dev.sextant.simulator.engine.KvEventSink;
import dev.sextant.simulator.engine.OutputTokens;
import dev.sextant.simulator.kvevents.KvEventPublisher;
import dev.sextant.simulator.kvevents.KvEventsEndpoint;
import dev.sextant.simulator.tokenize.HuggingFaceTextTokenizer;
import dev.sextant.simulator.tokenize.JtokkitTokenizer;
import dev.sextant.simulator.tokenize.TextTokenizer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A running simulated vLLM replica: an HTTP server on its own port, its engine, and optionally a
 * KV-event publisher. Start one with {@link #start}, several with {@link #startGroup}; close them
 * when done. Replicas share Armeria's common event loops and one ZeroMQ context, so a process can
 * run many of them; each one's engine runs on one event-loop thread.
 *
 * <p>Thread-safe.
 */
public final class SimulatedReplicaServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimulatedReplicaServer.class.getName());
    private static final Map<String, int[]> VOCABULARIES = new ConcurrentHashMap<>();

    private final ReplicaOptions options;
    private final Server server;
    private final EngineDriver driver;
    private final ReplicaHttpApi api;
    private final KvEventPublisher publisher;
    private final String topic;
    private final int port;
    private final AutoCloseable tokenizerResource;
    private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();

    private SimulatedReplicaServer(ReplicaOptions options, Server server, EngineDriver driver, ReplicaHttpApi api,
            KvEventPublisher publisher, String topic, AutoCloseable tokenizerResource) {
        this.options = options;
        this.server = server;
        this.driver = driver;
        this.api = api;
        this.publisher = publisher;
        this.topic = topic;
        this.port = server.activeLocalPort();
        this.tokenizerResource = tokenizerResource;
    }

    /**
     * Starts one replica and returns once it listens.
     *
     * @throws IllegalArgumentException when the tokenizer or the KV-event address is unusable
     * @throws SextantException when the port cannot be bound
     */
    public static SimulatedReplicaServer start(ReplicaOptions options) {
        requireNonNull(options, "options");
        TextTokenizer tokenizer = tokenizer(options.tokenizer());
        try {
            return start(options, tokenizer);
        } catch (RuntimeException e) {
            if (tokenizer instanceof HuggingFaceTextTokenizer hf) {
                hf.close();
            }
            throw e;
        }
    }

    /**
     * Starts {@code count} independent replicas. With a fixed port they take consecutive ports from
     * it; with port 0 each takes a free one. A bound KV-event port moves up by the replica's index;
     * seeds are {@code seed + index}. If one fails to start, those already started are closed.
     */
    public static List<SimulatedReplicaServer> startGroup(int count, ReplicaOptions options) {
        requireNonNull(options, "options");
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        List<SimulatedReplicaServer> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ReplicaOptions.Builder b = options.toBuilder()
                        .port(options.port() == 0 ? 0 : options.port() + i)
                        .seed(options.seed() + i);
                if (options.kvEvents() != null) {
                    b.kvEvents(options.kvEvents().forReplica(i));
                }
                started.add(start(b.build()));
            }
            return List.copyOf(started);
        } catch (RuntimeException e) {
            started.forEach(SimulatedReplicaServer::close);
            throw e;
        }
    }

    private static SimulatedReplicaServer start(ReplicaOptions options, TextTokenizer tokenizer) {
        OutputTokens outputTokens = options.echo() ? new OutputTokens.Echo()
                : new OutputTokens.Generated(VOCABULARIES.computeIfAbsent(tokenizer.name(),
                        k -> OutputVocabulary.of(tokenizer)));
        EngineConfig config = new EngineConfig(options.profile(), options.maxLoras(),
                options.seed() ^ options.model().hashCode(), outputTokens);
        ConcurrentHashMap<String, String> adapters = new ConcurrentHashMap<>(options.loraModules());

        AtomicReference<ReplicaContext> context = new AtomicReference<>();
        ServerBuilder sb = Server.builder()
                .http(new InetSocketAddress(options.host(), options.port()))
                .workerGroup(CommonPools.workerGroup(), false)
                .requestTimeout(Duration.ZERO)
                .maxRequestLength(32L * 1024 * 1024)
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                // Armeria's per-server executor meters would collide between replicas of one process.
                .meterRegistry(new CompositeMeterRegistry());
        // Routes are bound before the port is known; they read the context once it is set.
        DeferredApi deferred = new DeferredApi(context);
        deferred.bind(sb);
        Server server = sb.build();
        try {
            server.start().join();
        } catch (RuntimeException e) {
            throw new SextantException("simulated replica: cannot listen on " + options.host() + ":"
                    + options.port() + ": " + rootMessage(e), e);
        }
        int port = server.activeLocalPort();
        String advertised = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1"
                : options.host();
        String topic = "kv@" + advertised + ":" + port + "@" + options.model();
        EventExecutor executor = CommonPools.workerGroup().next();
        AtomicReference<KvEventPublisher> publisher = new AtomicReference<>();
        EngineDriver driver;
        try {
            driver = new EngineDriver(config, d -> {
                KvEventsEndpoint endpoint = options.kvEvents();
                if (endpoint == null) {
                    return KvEventSink.NONE;
                }
                KvEventPublisher p = new KvEventPublisher(endpoint, topic, d::epochSeconds);
                publisher.set(p);
                return p;
            }, executor, options.clock(), options.timeScale(), options.instant(), options.maxWaiting());
        } catch (RuntimeException e) {
            server.stop().join();
            throw e;
        }
        ReplicaContext rc = new ReplicaContext(options, driver, tokenizer, outputTokens, adapters);
        rc.port = port;
        rc.advertisedHost = advertised;
        ReplicaHttpApi api = new ReplicaHttpApi(rc);
        context.set(rc);
        deferred.api.set(api);
        LOG.log(System.Logger.Level.INFO, "simulated replica started model={0} port={1} profile={2} role={3}"
                        + " timeScale={4} instant={5} kvEvents={6}", options.model(), Integer.toString(port),
                options.profile().name(),
                options.role().label(), Double.toString(options.timeScale()), options.instant(),
                publisher.get() == null ? "off" : publisher.get().endpoint());
        return new SimulatedReplicaServer(options, server, driver, api, publisher.get(), topic,
                tokenizer instanceof HuggingFaceTextTokenizer hf ? hf : null);
    }

    private static TextTokenizer tokenizer(String spec) {
        if (spec.endsWith(".json") || spec.contains("/") || spec.contains("\\")) {
            return HuggingFaceTextTokenizer.load(Path.of(spec));
        }
        return JtokkitTokenizer.of(spec);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The options it was started with (with the actual port in {@link #port()}). */
    public ReplicaOptions options() {
        return options;
    }

    /** The HTTP port it listens on. */
    public int port() {
        return port;
    }

    /** {@code http://host:port}, the base of the OpenAI API paths. */
    public URI baseUri() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The address KV-event subscribers use (the actual bound address), if events are on. */
    public Optional<String> kvEventsEndpoint() {
        return Optional.ofNullable(publisher).map(KvEventPublisher::endpoint);
    }

    /** The KV-event topic, {@code kv@<ip>:<port>@<model>}. */
    public String kvEventsTopic() {
        return topic;
    }

    /** Makes the replica hang (accept inference requests and never answer) or stop hanging. */
    public void hang(boolean value) {
        api.hang(value);
    }

    /** Changes the fraction of inference requests answered with an injected error, 0..1. */
    public void failureRate(double value) {
        api.failureRate(value);
    }

    /** The engine's metrics now. */
    public CompletableFuture<EngineSnapshot> snapshot() {
        return driver.read(engine -> engine.snapshot());
    }

    /**
     * Stops listening, ends requests in flight, closes the KV-event publisher, and returns once the
     * port is released. Armeria's acceptor thread winds down in the background for up to two more
     * seconds (Netty's quiet period); {@link #terminated()} completes when it has. Idempotent.
     */
    @Override
    public void close() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!closing.compareAndSet(null, mine)) {
            awaitPortReleased();
            return;
        }
        CompletableFuture<Void> stopped = server.stop();
        stopped.whenComplete((v, e) -> mine.complete(null));
        try {
            awaitPortReleased();
            driver.close(() -> {
                if (publisher != null) {
                    publisher.close();
                }
            }).join();
            if (tokenizerResource != null) {
                tokenizerResource.close();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "simulated replica close failed port={0} error={1}",
                    Integer.toString(port), e.toString());
        }
    }

    /** Completes when the replica's server has fully stopped, threads included; after {@link #close()}. */
    public CompletableFuture<Void> terminated() {
        CompletableFuture<Void> c = closing.get();
        return c != null ? c : new CompletableFuture<>();
    }

    private void awaitPortReleased() {
        CompletableFuture<Void> c = closing.get();
        // The listening channel closes at once; only the acceptor's quiet period remains after that.
        for (int i = 0; i < 5_000 && !server.activePorts().isEmpty() && !c.isDone(); i++) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    @Override
    public String toString() {
        return "SimulatedReplicaServer{model=" + options.model() + ", uri=" + baseUri() + '}';
    }

    /** Routes bound before the replica's context exists; answer 503 until it does. */
    private static final class DeferredApi {
        private final AtomicReference<ReplicaContext> context;
        final AtomicReference<ReplicaHttpApi> api = new AtomicReference<>();

        DeferredApi(AtomicReference<ReplicaContext> context) {
            this.context = context;
        }

        void bind(ServerBuilder sb) {
            sb.serviceUnder("/", (ctx, req) -> {
                ReplicaHttpApi a = api.get();
                if (a == null) {
                    return ApiError.unavailable("the replica is starting").toResponse();
                }
                return a.router().serve(ctx, req);
            });
        }
    }
}
