package dev.sextant.bench.workload;

import java.util.List;
import java.util.SplittableRandom;

/** The requests of a {@link WorkloadSpec.SharedPrefix} workload. */
final class SharedPrefixPlan implements RequestPlan {
    private final WorkloadSpec.SharedPrefix spec;
    private final PoissonArrivals arrivals;
    private final long seed;
    private final PromptPart[] prefixes;
    private final PromptPart[] questions;
    private final int[] order;
    private long sequence;

    SharedPrefixPlan(WorkloadSpec.SharedPrefix spec, ArrivalSchedule schedule, long seed, PromptVocabulary vocabulary) {
        this.spec = spec;
        this.seed = seed;
        this.arrivals = new PoissonArrivals(schedule, Seeds.stream(seed, Seeds.ARRIVALS), schedule.maxRequests());
        SplittableRandom content = Seeds.stream(seed, Seeds.CONTENT);
        prefixes = new PromptPart[spec.groups()];
        int prompts = Math.multiplyExact(spec.groups(), spec.usersPerGroup());
        questions = new PromptPart[prompts];
        for (int g = 0; g < spec.groups(); g++) {
            prefixes[g] = PromptPart.ofTokens(Seeds.words(vocabulary, spec.prefixTokens(), content), vocabulary);
            for (int u = 0; u < spec.usersPerGroup(); u++) {
                questions[g * spec.usersPerGroup() + u] =
                        PromptPart.ofTokens(Seeds.words(vocabulary, spec.questionTokens(), content), vocabulary);
            }
        }
        order = new int[prompts];
        for (int i = 0; i < prompts; i++) {
            order[i] = i;
        }
        for (int i = prompts - 1; i > 0; i--) {
            int j = content.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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
        int prompt = order[(int) (n % order.length)];
        int group = prompt / spec.usersPerGroup();
        Prompt p = spec.prefixTokens() == 0 ? Prompt.of(questions[prompt]) : Prompt.of(prefixes[group], questions[prompt]);
        return new PlannedRequest(n, arrivals.time(), arrivals.stage(), p, spec.outputTokens(),
                Seeds.derive(seed, Seeds.OUTPUT, n), -1, 0);
    }
}
