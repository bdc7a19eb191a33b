package dev.sextant.bench.workload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Workloads known by name, so a comparison needs no file. {@code llmd-shared-prefix} is llm-d's
 * precise-scheduling benchmark (REFERENCE §9), its group count scaled to the cluster's KV capacity.
 */
public final class BuiltinWorkloads {
    /** llm-d's benchmark ran 8 pods of 307,328 KV tokens each. */
    static final long LLMD_CLUSTER_KV_TOKENS = 8L * 307_328L;
    /** llm-d's benchmark ran 150 groups, sized so its resident set filled 73 % of that capacity. */
    static final int LLMD_GROUPS = 150;

    private static final List<String> NAMES = List.of("shared-prefix", "llmd-shared-prefix", "multi-turn", "random");

    private BuiltinWorkloads() {}

    /** The names, in the order documentation lists them. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The workload called {@code name}.
     *
     * @param clusterKvTokens the KV capacity of the simulated cluster in tokens, which scales
     *     {@code llmd-shared-prefix}; empty (a real server of unknown size) keeps llm-d's 150 groups
     */
    public static Optional<Workload> named(String name, OptionalLong clusterKvTokens) {
        return switch (name) {
            case "shared-prefix" -> Optional.of(new Workload(name,
                    new WorkloadSpec.SharedPrefix(16, 2000, 8, 200, 200), ArrivalSchedule.constant(20, Duration.ofSeconds(60)),
                    null));
            case "llmd-shared-prefix" -> Optional.of(llmdSharedPrefix(clusterKvTokens));
            case "multi-turn" -> Optional.of(new Workload(name,
                    new WorkloadSpec.MultiTurn(1000, 5, new LengthRange(100, 300), new LengthRange(100, 300),
                            Duration.ofSeconds(2)),
                    ArrivalSchedule.constant(4, Duration.ofSeconds(60)), null));
            case "random" -> Optional.of(new Workload(name,
                    new WorkloadSpec.RandomPrompts(new LengthRange(500, 1500), new LengthRange(100, 300)),
                    ArrivalSchedule.constant(20, Duration.ofSeconds(60)), null));
            default -> Optional.empty();
        };
    }

    /**
     * llm-d's shared-prefix benchmark: groups of 5 users behind a 6,000-token system prompt, 1,200-token
     * questions, 1,000 output tokens; a 750-request warm-up at 15/s, then a Poisson ramp from 3 to 60
     * requests/s. The group count keeps llm-d's ratio of resident prompts to cluster KV capacity.
     */
    static Workload llmdSharedPrefix(OptionalLong clusterKvTokens) {
        int groups = clusterKvTokens.isPresent()
                ? (int) Math.max(1, Math.round((double) LLMD_GROUPS * clusterKvTokens.getAsLong() / LLMD_CLUSTER_KV_TOKENS))
                : LLMD_GROUPS;
        double[][] ramp = {{15, 50}, {3, 20}, {10, 20}, {15, 20}, {20, 38}, {22, 34}, {25, 30}, {30, 25}, {35, 21},
            {40, 38}, {43, 36}, {46, 33}, {49, 30}, {52, 29}, {55, 27}, {57, 26}, {60, 25}};
        List<Stage> stages = java.util.Arrays.stream(ramp)
                .map(s -> new Stage(s[0], Duration.ofSeconds((long) s[1])))
                .toList();
        return new Workload("llmd-shared-prefix", new WorkloadSpec.SharedPrefix(groups, 6000, 5, 1200, 1000),
                new ArrivalSchedule(stages, 0), null);
    }
}
