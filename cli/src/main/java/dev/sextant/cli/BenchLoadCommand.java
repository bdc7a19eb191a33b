package dev.sextant.cli;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.load.LoadGenerator;
import dev.sextant.bench.load.LoadOptions;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.report.BenchReport;
import dev.sextant.bench.report.ComparisonTable;
import dev.sextant.bench.report.ReportWriter;
import dev.sextant.bench.workload.Durations;
import dev.sextant.bench.workload.PromptVocabulary;
import dev.sextant.bench.workload.Workload;
import dev.sextant.bench.workload.WorkloadException;
import dev.sextant.bench.workload.WorkloadPlanner;
import dev.sextant.bench.workload.WorkloadResolver;
import dev.sextant.simulator.tokenize.TextTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant bench load}: open-loop, streaming load against any OpenAI-compatible endpoint, in real time. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Send open-loop Poisson load to an OpenAI-compatible endpoint (a gateway,",
            "vLLM, SGLang, 'sextant demo'), streamed, and measure time to first token",
            "and inter-token latency from the server-sent events. Same workloads and",
            "reports as 'bench cluster'. Bounded: arrivals stop with the workload's",
            "stages (or --max-requests); requests still open --max-drain later are cut",
            "off. Exit 0 when done, 2 for bad arguments, 1 when the reports cannot be",
            "written."
        },
        footer = {"", "Example:",
            "  sextant bench load --target http://127.0.0.1:8080/v1 \\",
            "      --workload shared-prefix --rate 10 --duration 30s --out /tmp/load",
            "Workloads, metrics and report fields: docs/bench.md"})
final class BenchLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "The API's base URL, e.g. http://127.0.0.1:8080/v1.")
    String target;

    @Option(names = "--model", paramLabel = "M", defaultValue = "meta-llama/Llama-3.1-8B-Instruct",
            description = "The model every request names (default: ${DEFAULT-VALUE}, what 'sextant demo' serves).")
    String model;

    @Option(names = "--api", paramLabel = "API", defaultValue = "completions",
            description = "completions (the prompt as text) or chat (one user message) (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--no-ignore-eos", negatable = false,
            description = "Do not send ignore_eos (for servers that refuse unknown fields; lengths then vary).")
    boolean noIgnoreEos;

    @Option(names = "--name", paramLabel = "NAME", description = "The run's name in reports (default: the target).")
    String name;

    @Option(names = "--connect-timeout", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long a connection may take to open (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--max-drain", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long after the last arrival requests may still run before they are cut off"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration maxDrain;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "4096",
            description = "Most requests open at once; more arrivals fail as client_overloaded (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Logging.configure(java.util.logging.Level.WARNING);
        LoadOptions options = options();
        Workload w;
        WorkloadPlanner planner;
        TextTokenizer tokenizer = Tokenizers.named(spec, workload.tokenizer);
        try {
            w = workload.workload(spec, OptionalLong.empty());
            planner = WorkloadPlanner.of(w, PromptVocabulary.of(tokenizer), workload.seedFor(w), workload.maxRequests());
        } catch (WorkloadException e) {
            err.println("sextant bench load: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            throw WorkloadOptions.usage(spec, e.getMessage());
        }
        String runName = name != null ? name : options.target().getAuthority();
        BenchProgressBar progress = new BenchProgressBar(err, StderrTerminal.isTerminal(), System::nanoTime);
        Clock clock = Clock.system();
        RunResult result = new LoadGenerator(options, clock, tokenizer).run(runName, planner, progress);
        progress.clear();
        BenchReport report = new BenchReport("load", w.name() + " against " + options.target(),
                setup(w, planner, options), clock.epochMillis(), List.of(result));
        out.print(ComparisonTable.render(List.of(result)));
        try {
            List<Path> files = ReportWriter.write(report, workload.out);
            out.println();
            out.println("Reports: " + String.join(", ", files.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            err.println("sextant bench load: cannot write reports to " + workload.out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private LoadOptions options() {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw WorkloadOptions.usage(spec, "--target: '" + target + "' (expected: a URL such as http://127.0.0.1:8080/v1)");
        }
        LoadOptions.Api which = switch (api) {
            case "completions" -> LoadOptions.Api.COMPLETIONS;
            case "chat" -> LoadOptions.Api.CHAT;
            default -> throw WorkloadOptions.usage(spec, "--api: '" + api + "' (expected: completions or chat)");
        };
        try {
            return new LoadOptions(uri, model, which, !noIgnoreEos, connectTimeout, maxDrain, maxInFlight,
                    workload.slo(spec));
        } catch (IllegalArgumentException e) {
            throw WorkloadOptions.usage(spec, "--" + e.getMessage());
        }
    }

    private Map<String, String> setup(Workload w, WorkloadPlanner planner, LoadOptions options) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("target", options.endpoint().toString());
        s.put("model", options.model());
        s.put("workload", w.name());
        s.put("requests", WorkloadResolver.describe(w));
        s.put("arrivals", WorkloadResolver.describeArrivals(w)
                + (workload.maxRequests() > 0 ? ", at most " + workload.maxRequests() + " requests" : ""));
        s.put("seed", Long.toString(planner.seed()));
        s.put("API", options.api().label() + ", streamed" + (options.ignoreEos() ? ", ignore_eos" : ""));
        s.put("SLO", "TTFT <= " + Durations.format(options.slo().ttft()) + ", mean ITL <= "
                + Durations.format(options.slo().itl()));
        s.put("tokenizer", planner.vocabulary().tokenizerName());
        s.put("time", "real (wall clock); the generator's own send lag is in report.json under cost");
        return s;
    }
}
