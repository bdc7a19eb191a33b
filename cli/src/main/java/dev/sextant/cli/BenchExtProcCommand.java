package dev.sextant.cli;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.extproc.BodyApi;
import dev.sextant.bench.extproc.ExtProcBench;
import dev.sextant.bench.extproc.ExtProcBenchOptions;
import dev.sextant.bench.extproc.ExtProcBenchResult;
import dev.sextant.bench.extproc.ExtProcReport;
import dev.sextant.bench.extproc.LoadShape;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sextant bench extproc}: an Endpoint Picker's added latency, with this command in Envoy's place. */
@Command(name = "extproc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure an Endpoint Picker's own latency over ext_proc (Sextant's, GIE's or",
            "any other at the address given), with this command playing Envoy: request",
            "headers, the body in chunks, then a model server's response, one gRPC",
            "stream per request. Open loop at --rate (latency also counted from each",
            "request's intended send time) or closed loop at --concurrency. Prints the",
            "added latency (last body chunk sent -> destination and body back)."
        },
        footer = {"", "Examples:",
            "  sextant bench extproc --target http://127.0.0.1:9002 --rate 2000",
            "  sextant bench extproc --target https://127.0.0.1:9002 --body-size 220KiB --concurrency 100",
            "See docs/bench.md."})
final class BenchExtProcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "The picker's ext_proc address: http://HOST:PORT (plain text) or https://HOST:PORT"
                    + " (TLS, certificate not checked).")
    String target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Load load;

    static final class Load {
        @Option(names = "--rate", required = true, paramLabel = "R",
                description = "Open loop: requests per second, evenly spaced.")
        Double rate;

        @Option(names = "--concurrency", required = true, paramLabel = "N",
                description = "Closed loop: streams at once, each sending its next request when the last ended.")
        Integer concurrency;
    }

    @Option(names = "--body-size", paramLabel = "SIZE", defaultValue = "8KiB", converter = ByteSizeConverter.class,
            description = "Each request body's exact size (default: ${DEFAULT-VALUE}).")
    int bodySize;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "16KiB", converter = ByteSizeConverter.class,
            description = "Largest request_body chunk; Envoy forwards body data as its codec delivers it, one"
                    + " HTTP/2 DATA frame (16KiB by default) at a time (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--api", paramLabel = "API", defaultValue = "chat",
            description = "chat (/v1/chat/completions, one user message) or completions (/v1/completions, a prompt)"
                    + " (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--model", paramLabel = "M", defaultValue = "meta-llama/Llama-3.1-8B-Instruct",
            description = "The model the bodies name; the picker's endpoints must serve it (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long requests are measured (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long requests are sent before measuring, for the JIT and the connection"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long requests still open at the end may take before they count as unfinished"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--model-time", paramLabel = "D", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long the simulated model server takes before its response headers, on average"
                    + " (each response takes between 0.5 D and 1.5 D); closed loop, concurrency N then offers"
                    + " N / D requests per second instead of saturating the picker, its N streams starting spread"
                    + " over one model time (default: ${DEFAULT-VALUE}).")
    Duration modelTime;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "10000",
            description = "Most requests open at once; open-loop arrivals beyond it fail as client_overloaded"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "1",
            description = "The gRPC client's event-loop threads (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(names = "--distinct-bodies", paramLabel = "N", defaultValue = "64",
            description = "Different bodies built and sent in turn (default: ${DEFAULT-VALUE}).")
    int distinctBodies;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the bodies' words (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Logging.configure(java.util.logging.Level.WARNING);
        ExtProcBenchOptions options = options();
        ExtProcBenchResult result = new ExtProcBench(options, Clock.system()).run(line -> {
            err.println("sextant bench extproc: " + line);
            err.flush();
        });
        out.print(ExtProcReport.render(options, result));
        out.flush();
        return ExitCodes.OK;
    }

    private ExtProcBenchOptions options() {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw usage("--target: '" + target + "' (expected: http://HOST:PORT or https://HOST:PORT)");
        }
        BodyApi which = switch (api) {
            case "chat" -> BodyApi.CHAT;
            case "completions" -> BodyApi.COMPLETIONS;
            default -> throw usage("--api: '" + api + "' (expected: chat or completions)");
        };
        try {
            LoadShape shape = load.rate != null ? new LoadShape.FixedRate(load.rate)
                    : new LoadShape.FixedConcurrency(load.concurrency);
            return new ExtProcBenchOptions(uri, which, model, bodySize, chunkSize, distinctBodies, shape, warmup,
                    duration, drain, modelTime, maxInFlight, eventLoops, seed);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
