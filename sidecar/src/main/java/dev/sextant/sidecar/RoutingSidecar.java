package dev.sextant.sidecar;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.server.Server;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The prefill/decode routing sidecar, running: an HTTP server in front of one decode engine (see the
 * package documentation). Start it with {@link #start}; {@link #close} stops it. Thread-safe.
 */
public final class RoutingSidecar implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RoutingSidecar.class.getName());

    private final Server server;
    private final ClientFactory clients;
    private final SidecarOptions options;

    private RoutingSidecar(Server server, ClientFactory clients, SidecarOptions options) {
        this.server = server;
        this.clients = clients;
        this.options = options;
    }

    /** Starts a sidecar and returns once it listens. */
    public static RoutingSidecar start(SidecarOptions options) {
        requireNonNull(options, "options");
        ClientFactory clients = ClientFactory.builder().useHttp2Preface(false).build();
        WebClient engineClient = WebClient.builder(options.engine()).factory(clients)
                .responseTimeout(Duration.ZERO).maxResponseLength(0).build();
        WebClient prefillClient = WebClient.builder().factory(clients)
                .responseTimeout(options.prefillTimeout()).maxResponseLength(options.maxRequestBytes()).build();
        String engineAuthority = options.engine().getHost() + ":" + options.engine().getPort();
        SidecarService service = new SidecarService(new LocalEngine(engineClient, engineAuthority),
                new PrefillLeg(prefillClient), options.prefillTargets());
        Server server = Server.builder()
                .http(options.port())
                .requestTimeout(Duration.ZERO)
                // Requests in flight may finish for a few seconds; a stopping sidecar takes no new ones.
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(5))
                .maxRequestLength(options.maxRequestBytes())
                .serviceUnder("/", service)
                .build();
        try {
            server.start().join();
        } catch (RuntimeException e) {
            clients.close();
            throw new IllegalStateException("port: " + options.port() + ": cannot listen: " + e.getMessage(), e);
        }
        RoutingSidecar sidecar = new RoutingSidecar(server, clients, options);
        LOG.log(System.Logger.Level.INFO, "routing sidecar started port={0} engine={1} connector={2} prefill_targets={3}",
                Integer.toString(sidecar.port()), options.engine(), options.connector().label(),
                options.prefillTargets());
        return sidecar;
    }

    /** The port the sidecar listens on. */
    public int port() {
        return server.activeLocalPort();
    }

    /** The options it was started with. */
    public SidecarOptions options() {
        return options;
    }

    /** The local address, for logs. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    @Override
    public void close() {
        server.stop().join();
        clients.close();
    }
}
