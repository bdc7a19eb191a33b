package dev.sextant.simulator.server;

import java.util.List;

/**
 * An inference request after parsing and tokenisation, before the engine sees it.
 *
 * @param api which OpenAI API it came through
 * @param model the model name as requested (the base model or an adapter)
 * @param adapter the LoRA adapter, or null for the base model
 * @param prompts one token array per choice (completions may batch several prompts)
 * @param maxTokens the requested cap on output tokens, or null when not given
 * @param ignoreEos generate exactly {@code maxTokens}
 * @param stream answer with server-sent events
 * @param includeUsage a usage chunk ends the stream ({@code stream_options.include_usage})
 * @param cacheSalt vLLM's {@code cache_salt}, or null
 * @param seed the request's {@code seed}, or null
 * @param remoteDecode {@code kv_transfer_params.do_remote_decode}: this is a prefill leg
 * @param remotePrefill {@code kv_transfer_params.do_remote_prefill}: this is a decode leg
 * @param instructions the Responses API's {@code instructions}, or null
 */
record InferenceCall(
        Api api,
        String model,
        String adapter,
        List<int[]> prompts,
        Integer maxTokens,
        boolean ignoreEos,
        boolean stream,
        boolean includeUsage,
        String cacheSalt,
        Long seed,
        boolean remoteDecode,
        boolean remotePrefill,
        String instructions) {

    /** The OpenAI APIs the replica serves. */
    enum Api {
        COMPLETIONS,
        CHAT,
        RESPONSES
    }
}
