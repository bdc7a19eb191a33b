package dev.sextant.cli;

import dev.sextant.api.plugin.GoDuration;
import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.config.ConfigProblem;
import dev.sextant.core.datalayer.DataLayerOptions;
import dev.sextant.core.datalayer.EndpointSource;
import dev.sextant.core.datalayer.EndpointsFileSource;
import dev.sextant.core.datalayer.StaticEndpointSource;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.gateway.Gateway;
import dev.sextant.gateway.GatewayOptions;
import dev.sextant.gateway.ReadinessGate;
import dev.sextant.gateway.kubernetes.DiscoveryTarget;
import dev.sextant.gateway.kubernetes.KubernetesClients;
import dev.sextant.gateway.kubernetes.KubernetesEndpointSource;
import dev.sextant.gateway.kubernetes.LeaderElection;
import dev.sextant.gateway.kubernetes.PodSelection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant serve}: the standalone gateway, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the gateway: an OpenAI-compatible proxy that routes each request to the best model server,",
            "and an admin server with /metrics, /healthz, /readyz and /debug/endpoints. Stops cleanly on Ctrl-C.",
            "Endpoints come from exactly one of --endpoints, --endpoints-file, --pool-name (an InferencePool in",
            "Kubernetes) or --endpoint-selector (pods by label, without a pool)."
        })
final class ServeCommand implements Callable<Integer> {
    /** How long start-up waits for the first complete list of the pool and its pods. */
    private static final Duration KUBERNETES_SYNC_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "EndpointPickerConfig YAML; without it the default configuration is used.")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Endpoints endpoints;

    static final class Endpoints {
        @Option(names = "--endpoints", paramLabel = "IP:PORT,...", required = true,
                description = "Model servers as a comma-separated list of ip:port.")
        String list;

        @Option(names = "--endpoints-file", paramLabel = "FILE", required = true,
                description = "Model servers listed in a YAML file (address, name, labels, models); reloaded when it changes.")
        Path file;

        @Option(names = "--pool-name", paramLabel = "NAME", required = true,
                description = "Model servers are the pods of this InferencePool (inference.networking.k8s.io/v1), followed"
                        + " as they change; also the pool label in metrics (without it: default).")
        String poolName;

        @Option(names = "--endpoint-selector", paramLabel = "KEY=VALUE,...", required = true,
                description = "Model servers are the pods with these labels, without an InferencePool; needs"
                        + " --endpoint-target-ports.")
        String selector;
    }

    @Mixin
    KubernetesFlags kubernetes;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "OpenAI-compatible proxy port; -1 turns the proxy off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--extproc-port", defaultValue = "-1",
            description = "Envoy ext_proc (Endpoint Picker) port, e.g. 9002; -1 = off (default: ${DEFAULT-VALUE}).")
    int extProcPort;

    @Option(names = "--grpc-health-port", defaultValue = "9003",
            description = "grpc.health.v1 port, served when ext_proc is on; -1 = off (default: ${DEFAULT-VALUE}).")
    int grpcHealthPort;

    @Option(names = "--secure-serving", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Serve ext_proc over TLS (default: ${DEFAULT-VALUE}); --secure-serving=false for plain text.")
    boolean secureServing;

    @Option(names = "--cert-path", paramLabel = "DIR",
            description = "Directory with tls.crt and tls.key for ext_proc; without it a self-signed certificate is made.")
    Path certPath;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--max-body-size", defaultValue = "16777216",
            description = "Largest request body in bytes; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodySize;

    @Option(names = "--refresh-metrics-interval", defaultValue = "50ms",
            description = "How often each model server's metrics are scraped (default: ${DEFAULT-VALUE}).")
    String refreshInterval;

    @Option(names = "--metrics-timeout", defaultValue = "5s",
            description = "A scrape taking longer fails (default: ${DEFAULT-VALUE}).")
    String metricsTimeout;

    @Option(names = "--upstream-connect-timeout", defaultValue = "2s",
            description = "Connection timeout to a model server before trying a fallback (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--client-idle-timeout", defaultValue = "60s",
            description = "Close a client connection of the HTTP front after this long with no request in flight"
                    + " (default: ${DEFAULT-VALUE}).")
    String clientIdleTimeout;

    @Option(names = "--expose-endpoint-header",
            description = "Add x-sextant-endpoint (the serving ip:port) to responses.")
    boolean exposeEndpointHeader;

    @Option(names = "--fail-open",
            description = "If scheduling fails with an internal error, send the request to a random healthy endpoint"
                    + " instead of failing it.")
    boolean failOpen;

    @Option(names = "--log-level", defaultValue = "INFO", description = "SEVERE, WARNING, INFO, FINE (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Logging.configure(java.util.logging.Level.parse(logLevel.toUpperCase(java.util.Locale.ROOT)));
        GatewayOptions options;
        try {
            if (httpPort == GatewayOptions.DISABLED && extProcPort == GatewayOptions.DISABLED) {
                throw new IllegalArgumentException("--http-port and --extproc-port are both off (expected: at least one front)");
            }
            options = GatewayOptions.builder()
                    .httpPort(httpPort)
                    .adminPort(adminPort)
                    .extProcPort(extProcPort)
                    .grpcHealthPort(extProcPort == GatewayOptions.DISABLED ? GatewayOptions.DISABLED : grpcHealthPort)
                    .secureServing(secureServing)
                    .certPath(certPath)
                    .bindAddress(bind)
                    .maxBodyBytes(maxBodySize)
                    .connectTimeout(duration("--upstream-connect-timeout", connectTimeout))
                    .clientIdleTimeout(duration("--client-idle-timeout", clientIdleTimeout))
                    .exposeEndpointHeader(exposeEndpointHeader)
                    .poolName(endpoints.poolName != null ? endpoints.poolName : GatewayOptions.DEFAULTS.poolName())
                    .failOpen(failOpen)
                    .dataLayer(new DataLayerOptions(duration("--refresh-metrics-interval", refreshInterval),
                            duration("--metrics-timeout", metricsTimeout), DataLayerOptions.DEFAULTS.failureThreshold(),
                            DataLayerOptions.DEFAULTS.maxBackoff(), DataLayerOptions.DEFAULTS.stalenessThreshold()))
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("sextant serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        CompiledConfig compiled;
        PodSelection selection = null;
        try {
            checkKubernetesFlags();
            if (endpoints.selector != null) {
                selection = selection(endpoints.selector, kubernetes.targetPorts);
            }
            ConfigLoader loader = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                    EnginePluginContext.production());
            compiled = config == null ? loader.loadDefault() : loader.load(config);
        } catch (ConfigException e) {
            printProblems(err, e);
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("sextant serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        List<AutoCloseable> started = new ArrayList<>();
        Gateway gateway;
        EndpointSource source;
        try {
            List<ReadinessGate> gates = new ArrayList<>();
            KubernetesClient client = null;
            String namespace = null;
            if (endpoints.poolName != null || selection != null || kubernetes.leaderElection) {
                client = KubernetesClients.connect(kubernetes.kubeconfig);
                started.add(client);
                namespace = KubernetesClients.namespace(kubernetes.namespace, System.getenv(), client);
            }
            if (endpoints.list != null) {
                source = StaticEndpointSource.parse(endpoints.list);
            } else if (endpoints.file != null) {
                source = new EndpointsFileSource(endpoints.file, Duration.ofSeconds(1));
            } else {
                DiscoveryTarget target = endpoints.poolName != null
                        ? new DiscoveryTarget.Pool(namespace, endpoints.poolName)
                        : new DiscoveryTarget.Selector(namespace, selection);
                KubernetesEndpointSource discovery = new KubernetesEndpointSource(client, target, KUBERNETES_SYNC_TIMEOUT);
                gates.add(discovery.poolKnown());
                source = discovery;
            }
            if (kubernetes.leaderElection) {
                LeaderElection election = new LeaderElection(client,
                        kubernetes.leaderElectionOptions(namespace, endpoints.poolName, System.getenv()));
                // Released first on shutdown, so a standby takes over while this replica drains.
                started.addFirst(election);
                election.start();
                gates.add(election);
            }
            gateway = Gateway.start(compiled, source, options, ReadinessGate.allOf(gates));
        } catch (ConfigException e) {
            closeAll(started);
            printProblems(err, e);
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            closeAll(started);
            err.println("sextant serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (dev.sextant.api.SextantException e) {
            closeAll(started);
            err.println("sextant serve: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (httpPort != GatewayOptions.DISABLED) {
            out.println("sextant: serving the OpenAI API on http://" + bind + ":" + gateway.httpPort() + "/v1");
        }
        if (extProcPort != GatewayOptions.DISABLED) {
            out.println("sextant: serving Envoy ext_proc on " + (secureServing ? "grpcs" : "grpc") + "://" + bind + ":"
                    + gateway.extProcPort());
        }
        out.println("sextant: admin on :" + gateway.adminPort() + ", config " + compiled.source() + ", endpoints "
                + source.describe());
        if (kubernetes.leaderElection) {
            out.println("sextant: leader election on, ready only while leading");
        }
        out.flush();
        List<AutoCloseable> stopOrder = new ArrayList<>();
        started.stream().filter(LeaderElection.class::isInstance).forEach(stopOrder::add);
        stopOrder.add(gateway);
        started.stream().filter(c -> !(c instanceof LeaderElection)).forEach(stopOrder::add);
        awaitShutdown(stopOrder.toArray(AutoCloseable[]::new));
        return ExitCodes.OK;
    }

    /** Refuses Kubernetes flags that the chosen endpoint source would silently ignore. */
    private void checkKubernetesFlags() {
        boolean discovery = endpoints.poolName != null || endpoints.selector != null;
        if (endpoints.selector != null && kubernetes.targetPorts == null) {
            throw new IllegalArgumentException("--endpoint-selector needs --endpoint-target-ports (expected: e.g."
                    + " --endpoint-target-ports 8000)");
        }
        if (kubernetes.targetPorts != null && endpoints.selector == null) {
            throw new IllegalArgumentException("--endpoint-target-ports: only with --endpoint-selector (an InferencePool"
                    + " names its own targetPorts)");
        }
        if (kubernetes.anyGiven() && !discovery && !kubernetes.leaderElection) {
            throw new IllegalArgumentException("--pool-namespace, --kubeconfig and --ha-lease-name: only with --pool-name,"
                    + " --endpoint-selector or --ha-enable-leader-election");
        }
    }

    private static PodSelection selection(String labels, String ports) {
        Map<String, String> matchLabels;
        List<Integer> targetPorts;
        try {
            matchLabels = PodSelection.parseLabels(labels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint-selector: " + e.getMessage(), e);
        }
        try {
            targetPorts = PodSelection.parsePorts(ports);
            return new PodSelection(matchLabels, targetPorts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint-target-ports: " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("sextant: error while stopping: " + e);
            }
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes {@code running} in order. */
    static void awaitShutdown(AutoCloseable... running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : running) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("sextant: error while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "sextant-shutdown"));
        stopped.await();
    }

    private static Duration duration(String flag, String text) {
        return GoDuration.parse(text).filter(d -> !d.isZero())
                .orElseThrow(() -> new IllegalArgumentException(flag + ": \"" + text
                        + "\" (expected: a duration such as 50ms, 5s or 1m)"));
    }

    private static void printProblems(PrintWriter err, ConfigException e) {
        err.println(e.source() + ": invalid, " + e.problems().size() + (e.problems().size() == 1 ? " problem:" : " problems:"));
        for (ConfigProblem p : e.problems()) {
            err.println("  " + p);
        }
        err.flush();
    }
}
