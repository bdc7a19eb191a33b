package dev.sextant.bench.workload;

import java.util.List;
import java.util.SplittableRandom;

/** The requests of a {@link WorkloadSpec.RandomPrompts} workload. */
final class RandomPromptPlan implements RequestPlan {
    private final WorkloadSpec.RandomPrompts spec;
    private final PoissonArrivals arrivals;
    private final long seed;
    private final PromptVocabulary vocabulary;
    private final SplittableRandom content;
    private long sequence;

    RandomPromptPlan(WorkloadSpec.RandomPrompts spec, ArrivalSchedule schedule, long seed, PromptVocabulary vocabulary) {
        this.spec = spec;
        this.seed = seed;
        this.vocabulary = vocabulary;
        this.arrivals = new PoissonArrivals(schedule, Seeds.stream(seed, Seeds.ARRIVALS), schedule.maxRequests());
        this.content = Seeds.stream(seed, Seeds.CONTENT);
    }

    @Override
    public List<StageWindow> stages() {
        return arrivals.windows();
    }

    @Override
    public long arrivalsEndNanos() {
        return arrivals.endNanos();
    }

    @Override
    public PlannedRequest next() {
        if (!arrivals.advance()) {
            return null;
        }
        long n = sequence++;
        int length = spec.inputTokens().draw(content);
        int output = spec.outputTokens().draw(content);
        Prompt p = Prompt.of(PromptPart.ofTokens(Seeds.words(vocabulary, length, content), vocabulary));
        return new PlannedRequest(n, arrivals.time(), arrivals.stage(), p, output, Seeds.derive(seed, Seeds.OUTPUT, n),
                -1, 0);
    }
}
