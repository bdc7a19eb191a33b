package dev.sextant.cli;

import dev.sextant.bench.metrics.Slo;
import dev.sextant.bench.workload.ArrivalSchedule;
import dev.sextant.bench.workload.Stage;
import dev.sextant.bench.workload.Workload;
import dev.sextant.bench.workload.WorkloadResolver;
import dev.sextant.bench.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options both bench commands share: the workload, its arrivals, the seed, the SLO and the output. */
final class WorkloadOptions {
    @Option(names = "--workload", required = true, paramLabel = "NAME|FILE",
            description = "shared-prefix, llmd-shared-prefix, multi-turn, random, a workload file (.yaml) or a"
                    + " Mooncake-style trace (.jsonl).")
    String workload;

    @Option(names = "--rate", paramLabel = "R",
            description = "Poisson arrivals per second (sessions per second for multi-turn), with --duration.")
    Double rate;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long arrivals last at --rate, e.g. 60s.")
    Duration duration;

    @Option(names = "--stages", paramLabel = "RxD,...", split = ",",
            description = "A ramp of rate x duration stages instead, e.g. 3x20s,10x20s,20x30s.")
    List<String> stages;

    @Option(names = "--max-requests", paramLabel = "N", description = "Stop arrivals after N requests.")
    Long maxRequests;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of arrivals, prompts and routing randomness (default: the workload's, else 0).")
    Long seed;

    @Option(names = "--slo-ttft", paramLabel = "D", defaultValue = "1s", converter = DurationConverter.class,
            description = "Goodput SLO: longest time to first token (default: ${DEFAULT-VALUE}).")
    Duration sloTtft;

    @Option(names = "--slo-itl", paramLabel = "D", defaultValue = "50ms", converter = DurationConverter.class,
            description = "Goodput SLO: longest mean inter-token latency (default: ${DEFAULT-VALUE}).")
    Duration sloItl;

    @Option(names = "--tokenizer", paramLabel = "T", defaultValue = "cl100k_base",
            description = "Tokenizer prompts are built for, as the simulator's --tokenizer (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for report.json, report.md and report.html (created if missing).")
    Path out;

    /** The workload with the command line's arrivals applied. */
    Workload workload(CommandSpec spec, OptionalLong clusterKvTokens) {
        Workload w = WorkloadResolver.resolve(workload, clusterKvTokens);
        boolean trace = w.spec() instanceof WorkloadSpec.TraceReplay;
        boolean stageList = stages != null && !stages.isEmpty();
        if ((rate == null) != (duration == null)) {
            throw usage(spec, rate == null ? "--duration needs --rate" : "--rate needs --duration");
        }
        if (stageList && rate != null) {
            throw usage(spec, "--stages and --rate/--duration: give one or the other");
        }
        if (trace && (stageList || rate != null)) {
            throw usage(spec, "--rate/--stages: a trace's requests arrive at the trace's timestamps");
        }
        if (maxRequests != null && maxRequests < 1) {
            throw usage(spec, "--max-requests: " + maxRequests + " (expected: >= 1)");
        }
        try {
            if (rate != null) {
                w = w.withArrivals(new ArrivalSchedule(List.of(new Stage(rate, duration)), 0));
            } else if (stageList) {
                List<Stage> parsed = new ArrayList<>();
                for (String s : stages) {
                    parsed.add(Stage.parse(s));
                }
                w = w.withArrivals(new ArrivalSchedule(parsed, 0));
            }
        } catch (IllegalArgumentException e) {
            throw usage(spec, (rate != null ? "--rate/--duration: " : "--stages: ") + e.getMessage());
        }
        return w;
    }

    long seedFor(Workload w) {
        return seed != null ? seed : w.seed() != null ? w.seed() : 0L;
    }

    long maxRequests() {
        return maxRequests == null ? 0 : maxRequests;
    }

    Slo slo(CommandSpec spec) {
        try {
            return new Slo(sloTtft, sloItl);
        } catch (IllegalArgumentException e) {
            throw usage(spec, "--slo-ttft/--slo-itl: " + e.getMessage());
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
