package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants every generated workload keeps. */
class RequestPlanProperties {

    @Property(tries = 40)
    void theSameSeedGivesTheSameRequests(@ForAll("workloads") Workload w, @ForAll long seed) {
        List<String> first = describe(WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 0).newPlan());
        List<String> second = describe(WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 0).newPlan());
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 40)
    void arrivalsAreOrderedAndLieInTheirStage(@ForAll("workloads") Workload w, @ForAll long seed) {
        RequestPlan plan = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 0).newPlan();
        long previous = -1;
        long sequence = 0;
        for (PlannedRequest p = plan.next(); p != null; p = plan.next()) {
            assertThat(p.arrivalNanos()).isGreaterThanOrEqualTo(previous);
            StageWindow stage = plan.stages().get(p.stage());
            assertThat(p.arrivalNanos()).isBetween(stage.startNanos(), stage.endNanos() - 1);
            assertThat(p.sequence()).isEqualTo(sequence++);
            assertThat(p.prompt().tokenCount()).isPositive();
            previous = p.arrivalNanos();
        }
        assertThat(plan.arrivalsEndNanos()).isEqualTo(plan.stages().getLast().endNanos());
    }

    @Property(tries = 20)
    void aCapStopsArrivals(@ForAll("workloads") Workload w, @ForAll long seed) {
        RequestPlan plan = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, seed, 3).newPlan();
        int n = 0;
        long last = 0;
        for (PlannedRequest p = plan.next(); p != null; p = plan.next()) {
            n++;
            last = p.arrivalNanos();
        }
        assertThat(n).isLessThanOrEqualTo(3);
        if (n == 3) {
            assertThat(plan.arrivalsEndNanos()).isEqualTo(last);
        }
    }

    @Provide
    Arbitrary<Workload> workloads() {
        Arbitrary<ArrivalSchedule> arrivals = Arbitraries.doubles().between(0, 40).list().ofMinSize(1).ofMaxSize(4)
                .map(rates -> new ArrivalSchedule(rates.stream()
                        .map(r -> new Stage(r, Duration.ofMillis(500 + (long) (r * 37) % 1500))).toList(), 0));
        Arbitrary<WorkloadSpec> specs = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 64),
                        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 32))
                        .as((g, p, u, q) -> new WorkloadSpec.SharedPrefix(g, p, u, q, 8)),
                Arbitraries.integers().between(1, 200).map(n -> new WorkloadSpec.RandomPrompts(new LengthRange(1, n),
                        LengthRange.of(4))),
                Arbitraries.integers().between(0, 50).map(s -> new WorkloadSpec.MultiTurn(s, 3, LengthRange.of(5),
                        LengthRange.of(5), Duration.ofMillis(100))));
        return Combinators.combine(specs, arrivals).as((s, a) -> new Workload("w", s, a, null));
    }

    private static List<String> describe(RequestPlan plan) {
        List<String> out = new ArrayList<>();
        for (PlannedRequest p = plan.next(); p != null; p = plan.next()) {
            out.add(p.arrivalNanos() + "/" + p.stage() + "/" + p.outputTokens() + "/" + p.outputSeed() + "/"
                    + java.util.Arrays.toString(p.prompt().tokens()));
        }
        return out;
    }
}
