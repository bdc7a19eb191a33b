package dev.sextant.bench.workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** What the requests of a workload look like; when they arrive is an {@link ArrivalSchedule}'s business. */
public sealed interface WorkloadSpec {

    /** The kind's name as workload files write it, e.g. {@code shared-prefix}. */
    String kind();

    /**
     * Groups of users behind one long shared prefix (a system prompt), each user with a question of their
     * own, as inference-perf's {@code shared_prefix} data: the {@code groups × usersPerGroup} prompts are
     * shuffled once (seeded) and then sent in that order, cyclically.
     *
     * @param groups distinct shared prefixes, &ge; 1
     * @param prefixTokens tokens of each shared prefix, &ge; 0
     * @param usersPerGroup prompts per group, each with its own question, &ge; 1
     * @param questionTokens tokens of each question, &ge; 1
     * @param outputTokens tokens each request generates, &ge; 1
     */
    record SharedPrefix(int groups, int prefixTokens, int usersPerGroup, int questionTokens, int outputTokens)
            implements WorkloadSpec {
        public SharedPrefix {
            atLeast("groups", groups, 1);
            atLeast("prefixTokens", prefixTokens, 0);
            atLeast("usersPerGroup", usersPerGroup, 1);
            atLeast("questionTokens", questionTokens, 1);
            atLeast("outputTokens", outputTokens, 1);
        }

        @Override
        public String kind() {
            return "shared-prefix";
        }
    }

    /**
     * Chat sessions that grow turn by turn. Sessions start at the arrival times; each turn's prompt is the
     * whole conversation so far (the shared system prompt, every earlier question and the answer the model
     * gave) plus a new question, and the next turn is sent {@code thinkTime} after the answer ends.
     *
     * @param systemPromptTokens tokens of a system prompt every session shares, &ge; 0
     * @param turns turns per session, &ge; 1
     * @param questionTokens tokens of each new question
     * @param outputTokens tokens of each answer
     * @param thinkTime pause between an answer and the next question, &ge; 0
     */
    record MultiTurn(int systemPromptTokens, int turns, LengthRange questionTokens, LengthRange outputTokens,
            Duration thinkTime) implements WorkloadSpec {
        public MultiTurn {
            atLeast("systemPromptTokens", systemPromptTokens, 0);
            atLeast("turns", turns, 1);
            Objects.requireNonNull(questionTokens, "questionTokens");
            Objects.requireNonNull(outputTokens, "outputTokens");
            Objects.requireNonNull(thinkTime, "thinkTime");
            if (thinkTime.isNegative()) {
                throw new IllegalArgumentException("thinkTime: " + thinkTime + " (expected: >= 0)");
            }
        }

        @Override
        public String kind() {
            return "multi-turn";
        }
    }

    /**
     * Independent prompts of random tokens: nothing to share beyond chance.
     *
     * @param inputTokens prompt length
     * @param outputTokens tokens each request generates
     */
    record RandomPrompts(LengthRange inputTokens, LengthRange outputTokens) implements WorkloadSpec {
        public RandomPrompts {
            Objects.requireNonNull(inputTokens, "inputTokens");
            Objects.requireNonNull(outputTokens, "outputTokens");
        }

        @Override
        public String kind() {
            return "random";
        }
    }

    /**
     * A Mooncake-style trace replayed: one JSON object per line with {@code timestamp} (milliseconds since
     * the first request), {@code input_length}, {@code output_length} and {@code hash_ids}, each hash id
     * standing for one block of {@code blockSize} prompt tokens (equal ids, equal tokens).
     *
     * @param file the JSONL file
     * @param blockSize tokens per hash id, &ge; 1 (Mooncake's traces use 512)
     * @param speedup arrival times are divided by this, &gt; 0
     */
    record TraceReplay(Path file, int blockSize, double speedup) implements WorkloadSpec {
        public TraceReplay {
            Objects.requireNonNull(file, "file");
            atLeast("blockSize", blockSize, 1);
            if (!(speedup > 0) || Double.isInfinite(speedup)) {
                throw new IllegalArgumentException("speedup: " + speedup + " (expected: > 0)");
            }
        }

        @Override
        public String kind() {
            return "trace";
        }
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= " + min + ")");
        }
    }
}
