package dev.sextant.bench.workload;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The requests of a {@link WorkloadSpec.TraceReplay}: each hash id becomes a block of tokens drawn from a
 * stream keyed by the id, so equal ids give equal tokens and requests whose id lists start alike share
 * that prefix in the engines. A prompt longer than its blocks is padded with tokens of its own; a shorter
 * one ends inside its last block, as Mooncake's lengths do.
 */
final class TracePlan implements RequestPlan {
    private final TraceFile trace;
    private final int blockSize;
    private final double speedup;
    private final long seed;
    private final PromptVocabulary vocabulary;
    private final int limit;
    private final List<StageWindow> stages;
    private int next;

    TracePlan(WorkloadSpec.TraceReplay spec, TraceFile trace, long seed, PromptVocabulary vocabulary, long maxRequests) {
        this.trace = trace;
        this.blockSize = spec.blockSize();
        this.speedup = spec.speedup();
        this.seed = seed;
        this.vocabulary = vocabulary;
        this.limit = maxRequests > 0 ? (int) Math.min(trace.size(), maxRequests) : trace.size();
        long last = arrival(limit - 1);
        double seconds = Math.max(1e-9, (last + 1) / 1e9);
        this.stages = List.of(new StageWindow(0, 0, last + 1, limit / seconds));
    }

    private long arrival(int i) {
        return Math.round(trace.arrivalNanos(i) / speedup);
    }

    @Override
    public List<StageWindow> stages() {
        return stages;
    }

    @Override
    public long arrivalsEndNanos() {
        return stages.getFirst().endNanos();
    }

    @Override
    public PlannedRequest next() {
        if (next >= limit) {
            return null;
        }
        int i = next++;
        int length = trace.inputLength(i);
        int[] ids = trace.hashIds(i);
        int blocks = Math.min(ids.length, (length + blockSize - 1) / blockSize);
        PromptPart[] parts = new PromptPart[blocks + 1];
        int covered = 0;
        for (int b = 0; b < blocks; b++) {
            int[] tokens = Seeds.words(vocabulary, blockSize, Seeds.stream(seed, Seeds.BLOCK, ids[b]));
            int take = Math.min(blockSize, length - covered);
            parts[b] = PromptPart.ofTokens(take == blockSize ? tokens : Arrays.copyOf(tokens, take), vocabulary);
            covered += take;
        }
        int count = blocks;
        if (covered < length) {
            SplittableRandom own = Seeds.stream(seed, Seeds.CONTENT, i);
            parts[count++] = PromptPart.ofTokens(Seeds.words(vocabulary, length - covered, own), vocabulary);
        }
        Prompt prompt = new Prompt(Arrays.asList(parts).subList(0, count));
        return new PlannedRequest(i, arrival(i), 0, prompt, trace.outputLength(i), Seeds.derive(seed, Seeds.OUTPUT, i),
                -1, 0);
    }
}
