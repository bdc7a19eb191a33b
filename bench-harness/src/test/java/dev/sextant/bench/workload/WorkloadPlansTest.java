package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadPlansTest {
    private final PromptVocabulary vocabulary = TestVocabulary.VOCABULARY;

    @Test
    void sharedPrefixSendsEveryPromptOncePerCycleBehindItsGroupsPrefix() {
        var spec = new WorkloadSpec.SharedPrefix(3, 40, 4, 10, 7);
        Workload w = new Workload("sp", spec, ArrivalSchedule.constant(1000, Duration.ofSeconds(100)).withMaxRequests(24), null);
        RequestPlan plan = WorkloadPlanner.of(w, vocabulary, 5, 0).newPlan();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Set<String>> questionsByPrefix = new HashMap<>();
        for (PlannedRequest p = plan.next(); p != null; p = plan.next()) {
            int[] tokens = p.prompt().tokens();
            assertThat(tokens).hasSize(50);
            assertThat(p.outputTokens()).isEqualTo(7);
            String prefix = Arrays.toString(Arrays.copyOf(tokens, 40));
            String question = Arrays.toString(Arrays.copyOfRange(tokens, 40, 50));
            seen.merge(prefix + question, 1, Integer::sum);
            questionsByPrefix.computeIfAbsent(prefix, k -> new HashSet<>()).add(question);
        }
        assertThat(seen).hasSize(12).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
        assertThat(questionsByPrefix).hasSize(3).allSatisfy((k, v) -> assertThat(v).hasSize(4));
    }

    @Test
    void multiTurnGrowsTheConversationWithTheAnswer() {
        var spec = new WorkloadSpec.MultiTurn(20, 3, LengthRange.of(6), LengthRange.of(5), Duration.ofSeconds(2));
        Workload w = new Workload("mt", spec, ArrivalSchedule.constant(10, Duration.ofSeconds(1)).withMaxRequests(1), null);
        RequestPlan plan = WorkloadPlanner.of(w, vocabulary, 1, 0).newPlan();
        PlannedRequest first = plan.next();
        assertThat(plan.next()).isNull();
        assertThat(first.prompt().tokenCount()).isEqualTo(26);
        int[] answerTokens = Seeds.words(vocabulary, 5, new java.util.SplittableRandom(3));
        PromptPart answer = PromptPart.ofTokens(answerTokens, vocabulary);
        PlannedRequest second = plan.followUp(first, answer, 5_000_000_000L);
        assertThat(second.turn()).isEqualTo(1);
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.arrivalNanos()).isEqualTo(7_000_000_000L);
        int[] tokens = second.prompt().tokens();
        assertThat(Arrays.copyOf(tokens, 26)).containsExactly(first.prompt().tokens());
        assertThat(Arrays.copyOfRange(tokens, 26, 31)).containsExactly(answerTokens);
        assertThat(tokens).hasSize(37);
        PlannedRequest third = plan.followUp(second, answer, 8_000_000_000L);
        assertThat(third.turn()).isEqualTo(2);
        assertThat(plan.followUp(third, answer, 9_000_000_000L)).as("only 3 turns").isNull();
    }

    @Test
    void multiTurnQuestionsDoNotDependOnTheOrderSessionsFinish() {
        var spec = new WorkloadSpec.MultiTurn(0, 2, LengthRange.of(6), LengthRange.of(5), Duration.ZERO);
        Workload w = new Workload("mt", spec, ArrivalSchedule.constant(100, Duration.ofSeconds(1)).withMaxRequests(2), null);
        PromptPart answer = PromptPart.ofText(" the");
        RequestPlan a = WorkloadPlanner.of(w, vocabulary, 1, 0).newPlan();
        PlannedRequest a0 = a.next();
        PlannedRequest a1 = a.next();
        PlannedRequest a1next = a.followUp(a1, answer, 10);
        PlannedRequest a0next = a.followUp(a0, answer, 20);
        RequestPlan b = WorkloadPlanner.of(w, vocabulary, 1, 0).newPlan();
        PlannedRequest b0 = b.next();
        PlannedRequest b1 = b.next();
        PlannedRequest b0next = b.followUp(b0, answer, 10);
        PlannedRequest b1next = b.followUp(b1, answer, 20);
        assertThat(a0next.prompt().text()).isEqualTo(b0next.prompt().text());
        assertThat(a1next.prompt().text()).isEqualTo(b1next.prompt().text());
        assertThat(a0next.outputSeed()).isEqualTo(b0next.outputSeed());
    }

    @Test
    void traceBlocksWithEqualIdsAreEqualTokens(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, """
                {"timestamp": 0, "input_length": 20, "output_length": 3, "hash_ids": [7, 8, 9]}
                {"timestamp": 1500, "input_length": 25, "output_length": 4, "hash_ids": [7, 8, 10]}

                {"timestamp": 3000, "input_length": 30, "output_length": 5, "hash_ids": [11]}
                """);
        Workload w = new Workload("t", new WorkloadSpec.TraceReplay(trace, 8, 2.0), null, null);
        RequestPlan plan = WorkloadPlanner.of(w, vocabulary, 9, 0).newPlan();
        PlannedRequest a = plan.next();
        PlannedRequest b = plan.next();
        PlannedRequest c = plan.next();
        assertThat(plan.next()).isNull();
        assertThat(a.prompt().tokenCount()).isEqualTo(20);
        assertThat(b.prompt().tokenCount()).as("three blocks and one token of its own").isEqualTo(25);
        assertThat(c.prompt().tokenCount()).isEqualTo(30);
        assertThat(Arrays.copyOf(b.prompt().tokens(), 16)).containsExactly(Arrays.copyOf(a.prompt().tokens(), 16));
        assertThat(Arrays.copyOfRange(b.prompt().tokens(), 16, 20)).isNotEqualTo(Arrays.copyOfRange(a.prompt().tokens(), 16, 20));
        assertThat(b.arrivalNanos()).as("speed-up 2").isEqualTo(750_000_000L);
        assertThat(c.arrivalNanos()).isEqualTo(1_500_000_000L);
        assertThat(b.outputTokens()).isEqualTo(4);
        assertThat(plan.stages()).singleElement().satisfies(s -> assertThat(s.offeredRate()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01)));
    }
}
