package dev.sextant.bench.workload;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The requests of a {@link WorkloadSpec.MultiTurn} workload. A session's questions and answer lengths
 * come from a stream keyed by the session and turn, so they are the same whichever configuration runs and
 * in whatever order sessions finish; only the follow-ups' arrival times depend on how fast answers come.
 */
final class MultiTurnPlan implements RequestPlan {
    private final WorkloadSpec.MultiTurn spec;
    private final PoissonArrivals arrivals;
    private final long seed;
    private final PromptVocabulary vocabulary;
    private final PromptPart systemPrompt;
    private long sequence;
    private int sessions;

    MultiTurnPlan(WorkloadSpec.MultiTurn spec, ArrivalSchedule schedule, long seed, PromptVocabulary vocabulary) {
        this.spec = spec;
        this.seed = seed;
        this.vocabulary = vocabulary;
        this.arrivals = new PoissonArrivals(schedule, Seeds.stream(seed, Seeds.ARRIVALS), schedule.maxRequests());
        this.systemPrompt = spec.systemPromptTokens() == 0 ? null
                : PromptPart.ofTokens(Seeds.words(vocabulary, spec.systemPromptTokens(), Seeds.stream(seed, Seeds.CONTENT)),
                        vocabulary);
    }

    @Override
    public List<StageWindow> stages() {
        return arrivals.windows();
    }

    @Override
    public boolean hasFollowUps() {
        return spec.turns() > 1;
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
        int session = sessions++;
        SplittableRandom turn = Seeds.stream(seed, Seeds.SESSION, session, 0);
        PromptPart question = question(turn);
        Prompt prompt = systemPrompt == null ? Prompt.of(question) : Prompt.of(systemPrompt, question);
        return new PlannedRequest(sequence++, arrivals.time(), arrivals.stage(), prompt, spec.outputTokens().draw(turn),
                Seeds.derive(seed, Seeds.OUTPUT, session, 0), session, 0);
    }

    @Override
    public PlannedRequest followUp(PlannedRequest done, PromptPart answer, long completedAtNanos) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(answer, "answer");
        int nextTurn = done.turn() + 1;
        if (done.session() < 0 || nextTurn >= spec.turns()) {
            return null;
        }
        SplittableRandom turn = Seeds.stream(seed, Seeds.SESSION, done.session(), nextTurn);
        Prompt prompt = done.prompt().append(answer, question(turn));
        long arrival = completedAtNanos + spec.thinkTime().toNanos();
        return new PlannedRequest(sequence++, arrival, RequestPlan.stageAt(stages(), arrival), prompt,
                spec.outputTokens().draw(turn), Seeds.derive(seed, Seeds.OUTPUT, done.session(), nextTurn),
                done.session(), nextTurn);
    }

    private PromptPart question(SplittableRandom turn) {
        return PromptPart.ofTokens(Seeds.words(vocabulary, spec.questionTokens().draw(turn), turn), vocabulary);
    }
}
