package dev.sextant.bench.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Finds the workload a command line names: a built-in name, a workload file (YAML) or a trace (JSONL). */
public final class WorkloadResolver {
    private WorkloadResolver() {}

    /**
     * The workload {@code nameOrFile} names.
     *
     * @param clusterKvTokens the simulated cluster's KV capacity, which scales {@code llmd-shared-prefix};
     *     empty against a real server
     * @throws WorkloadException when it is neither a known name nor a readable workload or trace file
     */
    public static Workload resolve(String nameOrFile, OptionalLong clusterKvTokens) {
        Objects.requireNonNull(nameOrFile, "nameOrFile");
        var builtin = BuiltinWorkloads.named(nameOrFile, clusterKvTokens);
        if (builtin.isPresent()) {
            return builtin.get();
        }
        Path file = Path.of(nameOrFile);
        String lower = nameOrFile.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl")) {
            String name = file.getFileName().toString().replaceFirst("(?i)\\.jsonl$", "");
            return new Workload(name, new WorkloadSpec.TraceReplay(file, 512, 1.0), null, null);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || Files.isRegularFile(file)) {
            return WorkloadParser.parse(file);
        }
        throw new WorkloadException("workload: '" + nameOrFile + "' (expected: one of "
                + String.join(", ", BuiltinWorkloads.names()) + ", a workload file (.yaml) or a trace (.jsonl))");
    }

    /** A one-line description of a workload's requests for reports. */
    public static String describe(Workload w) {
        return switch (w.spec()) {
            case WorkloadSpec.SharedPrefix s -> String.format(Locale.ROOT,
                    "shared-prefix: %d groups x %d users, %d-token shared prefix, %d-token questions, %d output tokens",
                    s.groups(), s.usersPerGroup(), s.prefixTokens(), s.questionTokens(), s.outputTokens());
            case WorkloadSpec.MultiTurn m -> String.format(Locale.ROOT,
                    "multi-turn: %d turns per session, %d-token system prompt, %s-token questions, %s-token answers,"
                            + " think time %s", m.turns(), m.systemPromptTokens(), m.questionTokens(), m.outputTokens(),
                    Durations.format(m.thinkTime()));
            case WorkloadSpec.RandomPrompts r -> "random: " + r.inputTokens() + "-token prompts, " + r.outputTokens()
                    + " output tokens";
            case WorkloadSpec.TraceReplay t -> "trace: " + t.file() + " (blocks of " + t.blockSize() + " tokens, speed-up "
                    + t.speedup() + ")";
        };
    }

    /** The arrivals as one line: {@code Poisson 15x50s, 3x20s, ...}, or the trace's times. */
    public static String describeArrivals(Workload w) {
        if (w.arrivals() == null) {
            return "the trace's timestamps";
        }
        List<Stage> stages = w.arrivals().stages();
        String list = stages.stream().map(Stage::toString).collect(Collectors.joining(", "));
        String unit = w.spec() instanceof WorkloadSpec.MultiTurn ? " sessions/s" : " requests/s";
        String cap = w.arrivals().maxRequests() > 0 ? ", at most " + w.arrivals().maxRequests() : "";
        return "Poisson, rate x duration: " + list + " (" + unit.strip() + ")" + cap;
    }
}
