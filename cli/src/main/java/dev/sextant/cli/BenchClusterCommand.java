package dev.sextant.cli;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.cluster.ClusterBench;
import dev.sextant.bench.cluster.ClusterOptions;
import dev.sextant.bench.cluster.ObjectiveMix;
import dev.sextant.bench.cluster.PreciseIndexFeeds;
import dev.sextant.bench.cluster.PolicyConfig;
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
import dev.sextant.core.config.ConfigException;
import dev.sextant.simulator.engine.EngineProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant bench cluster}: every configuration on the same simulated cluster and the same arrivals, in
 * virtual time, through the real Director, plugins and data layer; a comparison table and reports.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare routing configurations in virtual time: each runs the real",
            "scheduler, plugins and data layer against simulated vLLM replicas on",
            "exactly the same arrivals. Prints a comparison table and writes",
            "report.json, report.md and report.html to --out. Exit 0 when done, 2 for",
            "bad arguments or a configuration or workload that does not load, 1 when",
            "the reports cannot be written."
        },
        footer = {"", "Example:",
            "  sextant bench cluster --workload shared-prefix --replicas 8 \\",
            "      --config examples/policies/random.yaml \\",
            "      --config examples/policies/least-queue.yaml --out /tmp/bench",
            "Workloads, metrics and report fields: docs/bench.md"})
final class BenchClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "8",
            description = "Simulated replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--prefill-replicas", paramLabel = "N", defaultValue = "0",
            description = {"Label the first N replicas llm-d.ai/role=prefill and the rest decode, for P/D",
                "configurations; a configuration without role filters still uses them all (default: none)."})
    int prefillReplicas;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "llama-8b-h100",
            description = "Replica hardware/model profile: llama-8b-h100, llama-8b-a100 (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A configuration to compare; repeat for each. Without any: the default configuration.")
    List<Path> configs;

    @Option(names = "--scrape-interval", paramLabel = "D", defaultValue = "50ms", converter = DurationConverter.class,
            description = "How often the data layer scrapes each replica's metrics (default: ${DEFAULT-VALUE}).")
    Duration scrapeInterval;

    @Option(names = "--kv-event-delay", paramLabel = "D", defaultValue = "10ms", converter = DurationConverter.class,
            description = "How late KV events reach their consumer (default: ${DEFAULT-VALUE}).")
    Duration kvEventDelay;

    @Option(names = "--max-drain", paramLabel = "D", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long after the last stage requests may still finish; later ones count as unfinished"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration maxDrain;

    @Option(names = "--objectives", paramLabel = "NAME=SHARE,...",
            description = "Share of requests naming each inference objective (x-gateway-inference-objective), e.g."
                    + " critical=0.1,batch=0.4; the rest name none. Priorities come from each configuration's"
                    + " objectives section. Each objective also gets a row of its own.")
    String objectives;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Logging.configure(java.util.logging.Level.WARNING);
        EngineProfile engineProfile = EngineProfile.named(profile).orElseThrow(() -> WorkloadOptions.usage(spec,
                "--profile: '" + profile + "' (expected: one of " + String.join(", ",
                        EngineProfile.NAMED.stream().map(EngineProfile::name).toList()) + ")"));
        ClusterOptions options;
        try {
            options = new ClusterOptions(replicas, engineProfile, ClusterOptions.DEFAULT_MODEL, scrapeInterval,
                    kvEventDelay, maxDrain, workload.slo(spec),
                    objectives == null ? ObjectiveMix.NONE : ObjectiveMix.parse(objectives), prefillReplicas);
        } catch (IllegalArgumentException e) {
            throw WorkloadOptions.usage(spec, e.getMessage().replace("prefillReplicas:", "--prefill-replicas:"));
        }
        List<PolicyConfig> policies;
        Workload w;
        WorkloadPlanner planner;
        try {
            policies = policies();
            w = workload.workload(spec, OptionalLong.of(options.clusterKvTokens()));
            PromptVocabulary vocabulary = PromptVocabulary.of(Tokenizers.named(spec, workload.tokenizer));
            planner = WorkloadPlanner.of(w, vocabulary, workload.seedFor(w), workload.maxRequests());
            policies.forEach(PolicyConfig::check);
        } catch (ConfigException | WorkloadException e) {
            err.println("sextant bench cluster: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (IllegalArgumentException e) {
            throw WorkloadOptions.usage(spec, e.getMessage());
        }
        BenchProgressBar progress = new BenchProgressBar(err, StderrTerminal.isTerminal(), System::nanoTime);
        Clock wall = Clock.system();
        List<RunResult> results = new ClusterBench(options, new PreciseIndexFeeds(options.model()), wall)
                .compare(policies, planner, progress);
        progress.clear();
        BenchReport report = new BenchReport("cluster", w.name() + " on " + replicas + " x " + engineProfile.name(),
                setup(w, planner, options), wall.epochMillis(), results);
        out.print(ComparisonTable.render(results));
        try {
            List<Path> files = ReportWriter.write(report, workload.out);
            out.println();
            out.println("Reports: " + String.join(", ", files.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            err.println("sextant bench cluster: cannot write reports to " + workload.out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<PolicyConfig> policies() {
        if (configs == null || configs.isEmpty()) {
            return List.of(PolicyConfig.defaultConfig());
        }
        List<PolicyConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path p : configs) {
            PolicyConfig c = PolicyConfig.read(p);
            String name = c.name();
            for (int i = 2; !names.add(name); i++) {
                name = c.name() + "-" + i;
            }
            out.add(c.withName(name));
        }
        return out;
    }

    private Map<String, String> setup(Workload w, WorkloadPlanner planner, ClusterOptions options) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("workload", w.name());
        s.put("requests", WorkloadResolver.describe(w));
        s.put("arrivals", WorkloadResolver.describeArrivals(w)
                + (workload.maxRequests() > 0 ? ", at most " + workload.maxRequests() + " requests" : ""));
        s.put("seed", Long.toString(planner.seed()));
        s.put("replicas", options.replicas() + " x " + options.profile().name() + String.format(Locale.ROOT,
                " (%,d KV tokens each)", options.profile().capacityTokens()));
        if (options.prefillReplicas() > 0) {
            s.put("P/D roles", options.prefillReplicas() + " prefill, " + (options.replicas() - options.prefillReplicas())
                    + " decode (configurations without role filters use all replicas, aggregated)");
        }
        s.put("metrics scrape interval", Durations.format(options.scrapeInterval()));
        s.put("KV event delay", Durations.format(options.kvEventDelay()));
        s.put("SLO", "TTFT <= " + Durations.format(options.slo().ttft()) + ", mean ITL <= "
                + Durations.format(options.slo().itl()));
        s.put("tokenizer", planner.vocabulary().tokenizerName());
        s.put("time", "virtual (simulated engines); wall and CPU cost of each run in report.json");
        return s;
    }
}
