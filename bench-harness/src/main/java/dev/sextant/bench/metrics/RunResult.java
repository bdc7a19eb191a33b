package dev.sextant.bench.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything measured for one configuration (or one target) in a run.
 *
 * @param name the configuration's name
 * @param overall the whole run
 * @param stages each stage, in order
 * @param replicaRequests requests routed to each replica, in replica order (empty when unknown, as against a
 *     real server)
 * @param failures failed requests by reason
 * @param cost what the run cost to compute: wall and CPU seconds, events; for people, not for comparisons
 */
public record RunResult(String name, Summary overall, List<Summary> stages, List<Long> replicaRequests,
        Map<String, Long> failures, Map<String, Double> cost) {

    public RunResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(overall, "overall");
        stages = List.copyOf(stages);
        replicaRequests = List.copyOf(replicaRequests);
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        cost = Collections.unmodifiableMap(new TreeMap<>(cost));
    }
}
