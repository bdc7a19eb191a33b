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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant serve}: the standalone gateway, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the gateway: an OpenAI-compatible proxy that routes each request to the best model server,",
            "and an admin server with /metrics, /healthz, /readyz and /debug/endpoints. Stops cleanly on Ctrl-C."
        })
final class ServeCommand implements Callable<Integer> {
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
    }

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

    @Option(names = "--expose-endpoint-header",
            description = "Add x-sextant-endpoint (the serving ip:port) to responses.")
    boolean exposeEndpointHeader;

    @Option(names = "--fail-open",
            description = "If scheduling fails with an internal error, send the request to a random healthy endpoint"
                    + " instead of failing it.")
    boolean failOpen;

    @Option(names = "--pool-name", defaultValue = "default", description = "Pool name in metrics (default: ${DEFAULT-VALUE}).")
    String poolName;

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
                    .exposeEndpointHeader(exposeEndpointHeader)
                    .poolName(poolName)
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
        EndpointSource source;
        try {
            ConfigLoader loader = new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                    EnginePluginContext.production());
            compiled = config == null ? loader.loadDefault() : loader.load(config);
            source = endpoints.list != null ? StaticEndpointSource.parse(endpoints.list)
                    : new EndpointsFileSource(endpoints.file, Duration.ofSeconds(1));
        } catch (ConfigException e) {
            printProblems(err, e);
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("sextant serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(compiled, source, options);
        } catch (ConfigException e) {
            printProblems(err, e);
            return ExitCodes.INVALID_INPUT;
        } catch (dev.sextant.api.SextantException e) {
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
        out.flush();
        awaitShutdown(gateway);
        return ExitCodes.OK;
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
