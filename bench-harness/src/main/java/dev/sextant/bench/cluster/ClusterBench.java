package dev.sextant.bench.cluster;

import dev.sextant.api.time.Clock;
import dev.sextant.bench.metrics.RunProgress;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.workload.WorkloadPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The what-if comparison: every configuration runs, one after the other, on the same simulated cluster
 * and exactly the same arrivals, in virtual time. Deterministic: the same inputs and seed give the same
 * results (the cost figures aside).
 */
public final class ClusterBench {
    private final ClusterOptions options;
    private final KvEventConsumers kvConsumers;
    private final Clock wallClock;

    /**
     * @param options the cluster
     * @param kvConsumers where each configuration's KV events go ({@link KvEventConsumers#NONE} for nowhere)
     * @param wallClock the clock the cost of each run is measured with (not the simulation's)
     */
    public ClusterBench(ClusterOptions options, KvEventConsumers kvConsumers, Clock wallClock) {
        this.options = Objects.requireNonNull(options, "options");
        this.kvConsumers = Objects.requireNonNull(kvConsumers, "kvConsumers");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /** The cluster. */
    public ClusterOptions options() {
        return options;
    }

    /**
     * Runs every configuration on the workload.
     *
     * @return one result per configuration, in order, each followed by one per objective of the
     *     options' objective mix
     * @throws dev.sextant.core.config.ConfigException when a configuration does not load
     */
    public List<RunResult> compare(List<PolicyConfig> policies, WorkloadPlanner workload, RunProgress progress) {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(progress, "progress");
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies: empty (expected: at least one configuration)");
        }
        policies.forEach(PolicyConfig::check);
        List<RunResult> results = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            PolicyConfig policy = policies.get(i);
            var plan = workload.newPlan();
            progress.runStarted(i, policies.size(), policy.name(), workload.expectedArrivals(),
                    plan.stages().getLast().endNanos());
            List<RunResult> run = new ClusterRun(policy, plan, workload.vocabulary(), options, kvConsumers, progress,
                    workload.seed(), wallClock).run();
            progress.runFinished(run.getFirst());
            results.addAll(run);
        }
        return List.copyOf(results);
    }
}
