package dev.sextant.cli;

import dev.sextant.sidecar.Connector;
import dev.sextant.sidecar.PrefillTargets;
import dev.sextant.sidecar.RoutingSidecar;
import dev.sextant.sidecar.SidecarOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant sidecar}: the prefill/decode routing sidecar in front of one decode engine. SSRF
 * protection is on unless turned off explicitly, so exactly one of {@code --allowed-prefillers},
 * {@code --endpoints-file} and {@code --no-ssrf-protection} is required.
 */
@Command(name = "sidecar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the P/D routing sidecar in front of a decode engine: requests carrying x-prefiller-host-port",
            "run their prefill leg on that prefill engine, then their decode leg on --engine (llm-d nixlv2)."
        })
final class SidecarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--engine", defaultValue = "http://127.0.0.1:8001",
            description = "The local decode engine. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--connector", defaultValue = "nixlv2", description = "KV-transfer protocol: nixlv2. Default: ${DEFAULT-VALUE}.")
    String connector;

    @Option(names = "--allowed-prefillers", split = ",", paramLabel = "IP:PORT",
            description = "The prefill endpoints that may be contacted.")
    List<String> allowedPrefillers;

    @Option(names = "--endpoints-file", paramLabel = "FILE",
            description = "Allow every ip:port of this gateway endpoints file (re-read when it changes).")
    Path endpointsFile;

    @Option(names = "--no-ssrf-protection", description = "Contact any prefill target a request names (trusted networks only).")
    boolean noSsrfProtection;

    @Option(names = "--prefill-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long a prefill leg may take before decoding locally. Default: ${DEFAULT-VALUE}.")
    Duration prefillTimeout;

    /** Counted down to stop the command; tests use it, a shutdown hook uses it for SIGTERM. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SidecarOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("sextant sidecar: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        RoutingSidecar sidecar;
        try {
            sidecar = RoutingSidecar.start(options);
        } catch (RuntimeException e) {
            err.println("sextant sidecar: " + e.getMessage() + " (is --port " + port + " in use?)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("sextant sidecar: listening on port " + sidecar.port() + ", engine " + options.engine()
                + ", connector " + options.connector().label() + ", prefill targets " + options.prefillTargets());
        out.flush();
        Thread hook = new Thread(stop::countDown, "sextant-sidecar-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sidecar.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook has run.
            }
            out.println("sextant sidecar: stopped");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The options the flags describe; {@link IllegalArgumentException} names the first bad flag. */
    SidecarOptions options() {
        int given = (allowedPrefillers != null ? 1 : 0) + (endpointsFile != null ? 1 : 0) + (noSsrfProtection ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("SSRF protection: " + (given == 0 ? "no" : "more than one")
                    + " source of prefill targets (expected: exactly one of --allowed-prefillers IP:PORT,...,"
                    + " --endpoints-file FILE or --no-ssrf-protection)");
        }
        PrefillTargets targets;
        if (allowedPrefillers != null) {
            for (String target : allowedPrefillers) {
                if (!target.trim().matches("(\\[[0-9a-fA-F:.]+\\]|[^:/\\s]+):\\d{1,5}")) {
                    throw new IllegalArgumentException("--allowed-prefillers: '" + target + "' (expected: ip:port)");
                }
            }
            targets = PrefillTargets.only(allowedPrefillers);
        } else if (endpointsFile != null) {
            targets = new EndpointsFilePrefillTargets(endpointsFile);
        } else {
            targets = PrefillTargets.any();
        }
        URI engineUri;
        try {
            engineUri = URI.create(engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine: '" + engine + "' (expected: http://host:port)", e);
        }
        try {
            return new SidecarOptions(port, engineUri, Connector.parse(connector), targets, prefillTimeout,
                    SidecarOptions.DEFAULT_MAX_REQUEST_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replace("prefillTimeout", "prefill-timeout"), e);
        }
    }
}
