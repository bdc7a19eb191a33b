package dev.sextant.gateway;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.CommonPools;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerPort;
import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.datalayer.PollingDataSource;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.time.Clock;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.EndpointPickerConfig;
import dev.sextant.core.datalayer.DataLayer;
import dev.sextant.core.datalayer.EndpointSource;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.datalayer.ScheduledTimerService;
import dev.sextant.core.datalayer.SourceBinding;
import dev.sextant.core.registry.ThreadLocalRandomGenerator;
import dev.sextant.core.flowcontrol.FlowController;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.core.requestcontrol.DirectorOptions;
import dev.sextant.core.scheduling.Scheduler;
import dev.sextant.gateway.admin.AdminServices;
import dev.sextant.gateway.admin.GatewayMetrics;
import dev.sextant.gateway.extproc.ExtProcServers;
import dev.sextant.gateway.proxy.HttpFront;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The standalone gateway, assembled: endpoint discovery feeding the data layer, the scheduler and
 * Director, the OpenAI-compatible proxy and the admin server. {@link #start} returns once both
 * servers listen; {@link #close} stops everything in reverse order.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    /** How often flow control re-checks saturation while requests wait (it is also woken on every completion). */
    private static final long FLOW_CONTROL_RECHECK_NANOS = 5_000_000L;

    private final EndpointSource source;
    private final DataLayer dataLayer;
    private final ScheduledTimerService timer;
    private final ExecutorService pollExecutor;
    private final ClientFactory clientFactory;
    private final List<Server> servers;
    private final HttpFront proxy;
    private final Server extProc;
    private final Server grpcHealth;
    private final Server admin;
    private final ReadinessFlag live;
    private final Runnable refreshReadiness;
    private final Director director;
    private final FlowController flowController;
    private final GatewayMetrics metrics;
    private final List<AutoCloseable> ownedPlugins;

    private Gateway(EndpointSource source, DataLayer dataLayer, ScheduledTimerService timer, ExecutorService pollExecutor,
            ClientFactory clientFactory, List<Server> servers, HttpFront proxy, Server extProc, Server grpcHealth,
            Server admin, ReadinessFlag live, Runnable refreshReadiness, Director director,
            FlowController flowController, GatewayMetrics metrics, List<AutoCloseable> ownedPlugins) {
        this.source = source;
        this.dataLayer = dataLayer;
        this.timer = timer;
        this.pollExecutor = pollExecutor;
        this.clientFactory = clientFactory;
        this.servers = List.copyOf(servers);
        this.proxy = proxy;
        this.extProc = extProc;
        this.grpcHealth = grpcHealth;
        this.admin = admin;
        this.live = live;
        this.refreshReadiness = refreshReadiness;
        this.director = director;
        this.flowController = flowController;
        this.metrics = metrics;
        this.ownedPlugins = List.copyOf(ownedPlugins);
    }

    private static HttpFront proxyFront(GatewayOptions options, Director director, EndpointStore store,
            ClientFactory clientFactory, Clock clock, boolean blockingPlugins) {
        WebClient modelsClient = WebClient.builder().factory(clientFactory).responseTimeout(Duration.ofSeconds(5)).build();
        HttpFront.Settings settings = new HttpFront.Settings(options.bindAddress(), options.httpPort(),
                options.maxBodyBytes(), options.connectTimeout(), options.responseTimeout(),
                options.exposeEndpointHeader() ? GatewayOptions.ENDPOINT_HEADER : null, options.shutdownGrace(),
                options.clientIdleTimeout());
        return HttpFront.start(settings, director, store, modelsClient, clock,
                blockingPlugins ? Executors.newVirtualThreadPerTaskExecutor() : null);
    }

    private static void stopAll(List<Server> servers) {
        // All at once: each server waits out its event loop's quiet period on stop.
        java.util.concurrent.CompletableFuture.allOf(servers.stream().map(Server::stop)
                .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    }

    /**
     * Starts a gateway that is ready as soon as endpoint discovery has reported.
     *
     * @param config the compiled configuration (its plugins built with the system clock); the gateway
     *     owns its plugins from here, and {@link #close()} closes those that hold resources
     * @param source where endpoints come from; started here
     * @throws dev.sextant.api.SextantException when the endpoint source or a server cannot start
     */
    public static Gateway start(CompiledConfig config, EndpointSource source, GatewayOptions options) {
        return start(config, source, options, ReadinessGate.alwaysOpen());
    }

    /**
     * Starts a gateway that reports ready ({@code /readyz}, {@code grpc.health.v1}) while it runs,
     * endpoint discovery has reported, and {@code readiness} is open. Requests are served either way:
     * readiness only tells the probes and the proxy's load balancer where traffic should go.
     *
     * @param config the compiled configuration (its plugins built with the system clock); the gateway
     *     owns its plugins from here, and {@link #close()} closes those that hold resources
     * @param source where endpoints come from; started here
     * @param readiness the caller's condition, e.g. holding the leader lease
     * @throws dev.sextant.api.SextantException when the endpoint source or a server cannot start
     */
    public static Gateway start(CompiledConfig config, EndpointSource source, GatewayOptions options,
            ReadinessGate readiness) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(readiness, "readiness");
        Clock clock = Clock.system();
        GatewayMetrics metrics = new GatewayMetrics(clock);
        EndpointStore store = new EndpointStore();
        metrics.watch(store, options.poolName());
        ScheduledTimerService timer = new ScheduledTimerService("sextant-datalayer-timer");
        ExecutorService pollExecutor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sextant-poll-", 0).factory());
        DataLayer dataLayer = new DataLayer(store, bindings(config), options.dataLayer(), clock, timer, pollExecutor,
                metrics);
        for (var configured : config.plugins()) {
            if (configured.plugin() instanceof dev.sextant.api.datalayer.EndpointSetListener listener) {
                dataLayer.addEndpointSetListener(listener);
            }
        }
        AtomicBoolean discovered = new AtomicBoolean();
        ReadinessFlag live = new ReadinessFlag(false);
        ReadinessFlag ready = new ReadinessFlag(false);
        Runnable refreshReadiness = () -> ready.set(live.isOpen() && discovered.get() && readiness.isOpen());
        ready.onChange(() -> LOG.log(System.Logger.Level.INFO, "readiness changed: ready={0}", ready.isOpen()));
        try {
            source.start(endpoints -> {
                dataLayer.onEndpoints(endpoints);
                discovered.set(true);
                refreshReadiness.run();
            });
        } catch (RuntimeException e) {
            dataLayer.close();
            timer.close();
            pollExecutor.shutdownNow();
            throw e;
        }
        Scheduler scheduler = Scheduler.create(config, clock, metrics);
        FlowController flowController = config.flowControlSettings() == null ? null
                : new FlowController(config.flowControlSettings(), config.detector(), clock, metrics,
                        Executors.newVirtualThreadPerTaskExecutor(), FLOW_CONTROL_RECHECK_NANOS);
        metrics.watchFlowControl(flowController, config.detector(), store);
        Director director = new Director(config, scheduler, store, clock, ThreadLocalRandomGenerator.INSTANCE, metrics,
                metrics, flowController, new DirectorOptions(options.failOpen()));
        ClientFactory clientFactory = ClientFactory.builder()
                // Model servers speak HTTP/1.1 (vLLM, SGLang): an h2c attempt would only cost a failed
                // negotiation per connection. Servers that do accept h2c (Armeria-based ones such as
                // the simulator) would otherwise get a different protocol than real ones.
                .preferHttp1(true)
                .workerGroup(CommonPools.workerGroup(), false)
                .connectTimeout(options.connectTimeout())
                .idleTimeout(Duration.ofSeconds(60))
                .build();
        boolean blockingPlugins = !config.requestControl().prepareData().isEmpty();
        List<Server> servers = new ArrayList<>();
        Server extProc = null;
        if (options.extProcPort() != GatewayOptions.DISABLED) {
            extProc = ExtProcServers.extProc(options.bindAddress(), options.extProcPort(), options.secureServing(),
                    options.certPath(), director, clock, options.maxBodyBytes(), blockingPlugins, options.shutdownGrace());
            servers.add(extProc);
        }
        Server grpcHealth = null;
        if (options.grpcHealthPort() != GatewayOptions.DISABLED) {
            grpcHealth = ExtProcServers.health(options.bindAddress(), options.grpcHealthPort(), live, ready);
            servers.add(grpcHealth);
        }
        ServerBuilder adminBuilder = Server.builder()
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .port(new ServerPort(new InetSocketAddress(options.bindAddress(), options.adminPort()), SessionProtocol.HTTP));
        AdminServices.install(adminBuilder, metrics, store, clock, options.dataLayer(), ready::isOpen);
        dev.sextant.gateway.admin.PrefixIndexServices.install(adminBuilder, metrics.registry(),
                config.pluginsOf(dev.sextant.plugins.precise.PrecisePrefixCacheScorer.class));
        Server admin = adminBuilder.build();
        servers.add(admin);
        HttpFront proxy = null;
        try {
            for (Server server : servers) {
                server.start().join();
            }
            if (options.httpPort() != GatewayOptions.DISABLED) {
                proxy = proxyFront(options, director, store, clientFactory, clock, blockingPlugins);
            }
        } catch (RuntimeException e) {
            stopAll(servers);
            if (flowController != null) {
                flowController.close();
            }
            source.close();
            dataLayer.close();
            timer.close();
            pollExecutor.shutdownNow();
            clientFactory.close();
            throw new dev.sextant.api.SextantException("gateway could not start: " + e.getMessage(), e);
        }
        live.set(true);
        readiness.onChange(refreshReadiness);
        refreshReadiness.run();
        LOG.log(System.Logger.Level.INFO, "gateway started: proxy={0} extproc={1} admin={2} endpoints={3}",
                proxy == null ? "off" : String.valueOf(proxy.port()),
                extProc == null ? "off" : String.valueOf(extProc.activeLocalPort()),
                String.valueOf(admin.activeLocalPort()), source.describe());
        return new Gateway(source, dataLayer, timer, pollExecutor, clientFactory, servers, proxy, extProc, grpcHealth,
                admin, live, refreshReadiness, director, flowController, metrics, config.plugins().stream()
                        .map(p -> p.plugin()).filter(AutoCloseable.class::isInstance).map(AutoCloseable.class::cast)
                        .toList());
    }

    /** The data-layer bindings the configuration asks for; sources that are not polled are skipped with a warning. */
    static List<SourceBinding> bindings(CompiledConfig config) {
        List<SourceBinding> out = new ArrayList<>();
        EndpointPickerConfig.DataLayerSpec spec = config.dataLayer();
        if (spec == null) {
            return out;
        }
        for (EndpointPickerConfig.DataSourceSpec s : spec.sources()) {
            Plugin plugin = config.plugin(s.pluginRef()).orElseThrow();
            if (!(plugin instanceof PollingDataSource<?> polling)) {
                LOG.log(System.Logger.Level.WARNING, "data source is not polled by the gateway: plugin={0}", s.pluginRef());
                continue;
            }
            List<Extractor<?>> extractors = new ArrayList<>();
            for (String ref : s.extractors()) {
                extractors.add((Extractor<?>) config.plugin(ref).orElseThrow());
            }
            out.add(new SourceBinding(polling, extractors));
        }
        return out;
    }

    /** The port the proxy listens on; fails if the proxy is disabled. */
    public int httpPort() {
        if (proxy == null) {
            throw new IllegalStateException("the HTTP proxy is disabled");
        }
        return proxy.port();
    }

    /** The port the ext_proc server listens on; fails if it is disabled. */
    public int extProcPort() {
        if (extProc == null) {
            throw new IllegalStateException("the ext_proc server is disabled");
        }
        return extProc.activeLocalPort();
    }

    /** The port of the {@code grpc.health.v1} server; fails if it is disabled. */
    public int grpcHealthPort() {
        if (grpcHealth == null) {
            throw new IllegalStateException("the gRPC health server is disabled");
        }
        return grpcHealth.activeLocalPort();
    }

    /** The port the admin server listens on. */
    public int adminPort() {
        return admin.activeLocalPort();
    }

    /** The endpoint store, for tests and the demo. */
    public EndpointStore store() {
        return dataLayer.store();
    }

    /** The metrics, for tests. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The Director, for tests. */
    Director director() {
        return director;
    }

    @Override
    public void close() {
        live.set(false);
        refreshReadiness.run();
        if (proxy != null) {
            proxy.close();
        }
        stopAll(servers);
        if (flowController != null) {
            flowController.close();
        }
        source.close();
        dataLayer.close();
        timer.close();
        pollExecutor.shutdownNow();
        for (AutoCloseable plugin : ownedPlugins) {
            try {
                plugin.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing plugin failed: {0}", e.toString());
            }
        }
        clientFactory.close();
    }
}
