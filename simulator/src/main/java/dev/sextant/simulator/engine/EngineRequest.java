package dev.sextant.simulator.engine;

import static java.util.Objects.requireNonNull;

/**
 * One request as the engine sees it: tokens in, a known number of tokens out.
 *
 * <p>The engine does not decide when generation stops: the caller draws the output length (from
 * {@code max_tokens} or a distribution) and says whether reaching it is a {@code stop} or a
 * {@code length} finish.
 *
 * @param id the caller's id, for logs and cancellation; not null
 * @param promptTokens the prompt's token ids; not empty; not copied (do not mutate it)
 * @param outputTokens tokens to generate, &ge; 1
 * @param finishReason {@link FinishReason#STOP} or {@link FinishReason#LENGTH}
 * @param lora the LoRA adapter's name, or null for the base model
 * @param cacheSalt vLLM's {@code cache_salt}, mixed into the first block's hash; null for none
 * @param outputSeed seed of the generated tokens (see {@link OutputTokens})
 * @param remotePrefill the prompt's KV comes from a prefill replica ({@code do_remote_prefill}):
 *     no prefill compute, a transfer cost per uncached token instead
 * @param remoteDecode the request is the prefill leg of a disaggregated request
 *     ({@code do_remote_decode}): the completion carries the block ids
 */
public record EngineRequest(
        String id,
        int[] promptTokens,
        int outputTokens,
        FinishReason finishReason,
        String lora,
        String cacheSalt,
        long outputSeed,
        boolean remotePrefill,
        boolean remoteDecode) {

    public EngineRequest {
        requireNonNull(id, "id");
        requireNonNull(promptTokens, "promptTokens");
        requireNonNull(finishReason, "finishReason");
        if (promptTokens.length == 0) {
            throw new IllegalArgumentException("promptTokens: empty (expected: at least one token)");
        }
        if (outputTokens < 1) {
            throw new IllegalArgumentException("outputTokens: " + outputTokens + " (expected: >= 1)");
        }
        if (finishReason == FinishReason.ABORT) {
            throw new IllegalArgumentException("finishReason: ABORT (expected: STOP or LENGTH)");
        }
    }

    /** A base-model request that generates exactly {@code outputTokens} tokens and ends with {@code length}. */
    public static EngineRequest of(String id, int[] promptTokens, int outputTokens) {
        return new EngineRequest(id, promptTokens, outputTokens, FinishReason.LENGTH, null, null, 0L, false, false);
    }

    /** The same request for a LoRA adapter (null for the base model). */
    public EngineRequest withLora(String adapter) {
        return new EngineRequest(id, promptTokens, outputTokens, finishReason, adapter, cacheSalt, outputSeed,
                remotePrefill, remoteDecode);
    }

    /** The same request with a cache salt (null for none). */
    public EngineRequest withCacheSalt(String salt) {
        return new EngineRequest(id, promptTokens, outputTokens, finishReason, lora, salt, outputSeed,
                remotePrefill, remoteDecode);
    }

    /** The same request with another output seed. */
    public EngineRequest withOutputSeed(long seed) {
        return new EngineRequest(id, promptTokens, outputTokens, finishReason, lora, cacheSalt, seed,
                remotePrefill, remoteDecode);
    }

    /** The same request ending with {@code reason} (STOP or LENGTH). */
    public EngineRequest withFinishReason(FinishReason reason) {
        return new EngineRequest(id, promptTokens, outputTokens, reason, lora, cacheSalt, outputSeed,
                remotePrefill, remoteDecode);
    }

    /** The same request with the disaggregation flags set. */
    public EngineRequest withDisaggregation(boolean remotePrefill, boolean remoteDecode) {
        return new EngineRequest(id, promptTokens, outputTokens, finishReason, lora, cacheSalt, outputSeed,
                remotePrefill, remoteDecode);
    }

    /** Prompt plus output tokens: the most KV the request will ever hold. */
    public int totalTokens() {
        return promptTokens.length + outputTokens;
    }
}
