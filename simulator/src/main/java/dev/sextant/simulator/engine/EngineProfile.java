package dev.sextant.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hardware and model constants of a simulated replica: the step cost model, the KV-cache size
 * and the scheduler limits.
 *
 * <p>A step of continuous batching costs {@code beta0 + beta1 * uncachedPrefillTokens + beta2 *
 * decodeTokens}, plus {@link #loraLoadNanos} per adapter loaded in the step and
 * {@link #kvTransferNanosPerToken} per prompt token received from a remote prefill replica.
 *
 * @param name the profile's name, as given to {@code --profile}
 * @param beta0Nanos fixed cost of one step, &gt; 0
 * @param beta1NanosPerToken cost of one uncached prefill token, &ge; 0
 * @param beta2NanosPerToken cost of one decode token, &ge; 0
 * @param blockSize tokens per KV-cache block, &gt; 0
 * @param numGpuBlocks KV-cache capacity in blocks, &gt; 0
 * @param maxNumSeqs most requests in the running batch, &gt; 0
 * @param maxNumBatchedTokens most tokens scheduled in one step (chunked prefill), &gt; 0
 * @param maxModelLen most tokens (prompt + output) of one request, &gt; 0
 * @param loraLoadNanos cost of loading one LoRA adapter into a slot, &ge; 0
 * @param kvTransferNanosPerToken cost of pulling one token's KV from a prefill replica, &ge; 0
 */
public record EngineProfile(
        String name,
        long beta0Nanos,
        double beta1NanosPerToken,
        double beta2NanosPerToken,
        int blockSize,
        int numGpuBlocks,
        int maxNumSeqs,
        int maxNumBatchedTokens,
        int maxModelLen,
        long loraLoadNanos,
        double kvTransferNanosPerToken) {

    /**
     * Llama-3.1-8B on one H100 80 GB: the published vLLM 0.8 step fit (5.75 ms, 17 µs, 6 µs) and
     * 27,000 blocks of 16 tokens (432k tokens of KV cache).
     */
    public static final EngineProfile LLAMA_8B_H100 =
            new EngineProfile("llama-8b-h100", 5_750_000L, 17_000, 6_000, 16, 27_000, 256, 8192, 32_768,
                    25_000_000L, 5_000);

    /** Llama-3.1-8B on one A100 80 GB: 16.4 ms, 48 µs, 18 µs; the same KV capacity as the H100. */
    public static final EngineProfile LLAMA_8B_A100 =
            new EngineProfile("llama-8b-a100", 16_400_000L, 48_000, 18_000, 16, 27_000, 256, 8192, 32_768,
                    40_000_000L, 10_000);

    /** The profiles known by name. */
    public static final List<EngineProfile> NAMED = List.of(LLAMA_8B_H100, LLAMA_8B_A100);

    public EngineProfile {
        requireNonNull(name, "name");
        positive("beta0Nanos", beta0Nanos);
        notNegative("beta1NanosPerToken", beta1NanosPerToken);
        notNegative("beta2NanosPerToken", beta2NanosPerToken);
        positive("blockSize", blockSize);
        positive("numGpuBlocks", numGpuBlocks);
        positive("maxNumSeqs", maxNumSeqs);
        positive("maxNumBatchedTokens", maxNumBatchedTokens);
        positive("maxModelLen", maxModelLen);
        notNegative("loraLoadNanos", loraLoadNanos);
        notNegative("kvTransferNanosPerToken", kvTransferNanosPerToken);
    }

    /** The named profile, if there is one by that name (case-insensitive). */
    public static Optional<EngineProfile> named(String name) {
        requireNonNull(name, "name");
        String key = name.toLowerCase(Locale.ROOT);
        return NAMED.stream().filter(p -> p.name.equals(key)).findFirst();
    }

    /** Tokens the KV cache holds when full. */
    public long capacityTokens() {
        return (long) blockSize * numGpuBlocks;
    }

    /** A copy with a different KV capacity. */
    public EngineProfile withNumGpuBlocks(int value) {
        return new EngineProfile(name, beta0Nanos, beta1NanosPerToken, beta2NanosPerToken, blockSize, value,
                maxNumSeqs, maxNumBatchedTokens, maxModelLen, loraLoadNanos, kvTransferNanosPerToken);
    }

    /** A copy with different scheduler limits. */
    public EngineProfile withLimits(int maxNumSeqs, int maxNumBatchedTokens, int maxModelLen) {
        return new EngineProfile(name, beta0Nanos, beta1NanosPerToken, beta2NanosPerToken, blockSize, numGpuBlocks,
                maxNumSeqs, maxNumBatchedTokens, maxModelLen, loraLoadNanos, kvTransferNanosPerToken);
    }

    /** A copy with a different step cost model (named {@code custom}). */
    public EngineProfile withStepCost(long beta0Nanos, double beta1NanosPerToken, double beta2NanosPerToken) {
        return new EngineProfile("custom", beta0Nanos, beta1NanosPerToken, beta2NanosPerToken, blockSize,
                numGpuBlocks, maxNumSeqs, maxNumBatchedTokens, maxModelLen, loraLoadNanos, kvTransferNanosPerToken);
    }

    /** A copy with a different block size. */
    public EngineProfile withBlockSize(int value) {
        return new EngineProfile(name, beta0Nanos, beta1NanosPerToken, beta2NanosPerToken, value, numGpuBlocks,
                maxNumSeqs, maxNumBatchedTokens, maxModelLen, loraLoadNanos, kvTransferNanosPerToken);
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
        }
    }

    private static void notNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 0)");
        }
    }
}
