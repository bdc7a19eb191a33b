package dev.sextant.bench.workload;

import java.util.Objects;

/**
 * A complete workload: what the requests look like and when they arrive.
 *
 * @param name a name for reports
 * @param spec the requests
 * @param arrivals when they arrive; null for a trace, whose lines carry their own times
 * @param seed the seed the workload asks for, or null to take the command line's
 */
public record Workload(String name, WorkloadSpec spec, ArrivalSchedule arrivals, Long seed) {

    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        if (arrivals == null && !(spec instanceof WorkloadSpec.TraceReplay)) {
            throw new IllegalArgumentException("arrivals: missing (expected: a rate and duration or stages for a "
                    + spec.kind() + " workload)");
        }
    }

    /** The same workload arriving on another schedule. */
    public Workload withArrivals(ArrivalSchedule value) {
        return new Workload(name, spec, Objects.requireNonNull(value, "value"), seed);
    }
}
