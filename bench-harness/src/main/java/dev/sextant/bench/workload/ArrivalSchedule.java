package dev.sextant.bench.workload;

import java.time.Duration;
import java.util.List;

/**
 * When requests arrive: Poisson arrivals through a list of stages, optionally capped.
 *
 * @param stages the stages in order; not empty
 * @param maxRequests the most arrivals (first turns of sessions, for multi-turn workloads); 0 for no cap
 */
public record ArrivalSchedule(List<Stage> stages, long maxRequests) {

    public ArrivalSchedule {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages: empty (expected: at least one stage)");
        }
        if (maxRequests < 0) {
            throw new IllegalArgumentException("maxRequests: " + maxRequests + " (expected: >= 0)");
        }
    }

    /** One stage at {@code rate} per second for {@code duration}, no cap. */
    public static ArrivalSchedule constant(double rate, Duration duration) {
        return new ArrivalSchedule(List.of(new Stage(rate, duration)), 0);
    }

    /** The same stages with another cap. */
    public ArrivalSchedule withMaxRequests(long value) {
        return new ArrivalSchedule(stages, value);
    }

    /** The sum of the stages' durations. */
    public Duration totalDuration() {
        Duration total = Duration.ZERO;
        for (Stage s : stages) {
            total = total.plus(s.duration());
        }
        return total;
    }

    /** The arrivals expected on average, capped. */
    public double expectedArrivals() {
        double sum = 0;
        for (Stage s : stages) {
            sum += s.expectedArrivals();
        }
        return maxRequests > 0 ? Math.min(sum, maxRequests) : sum;
    }
}
