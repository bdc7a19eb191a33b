package dev.sextant.plugins.disagg;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.PrefixCacheMatches;
import dev.sextant.plugins.SimplePluginFactory;

/**
 * Disaggregates a request when the decode endpoint would still have to compute at least
 * {@code nonCachedTokens} prompt tokens itself, as llm-d's decider of the same name does.
 *
 * <p>Prompt tokens are estimated as characters / 4 of the prompt view (the prompt text, or the chat
 * messages as JSON), the estimate llm-d uses. The cached part is what a prefix scorer left in the
 * cycle state as {@link PrefixCacheMatches} for the decode endpoint; without it nothing counts as
 * cached, so every prompt of at least {@code nonCachedTokens} tokens is disaggregated (llm-d skips
 * disaggregation instead; Sextant prefers to route long prompts the way they were configured).
 * {@code nonCachedTokens: 0}, the default, turns the decider off, as in llm-d.
 *
 * @param name the configured name
 * @param nonCachedTokens the threshold in tokens; 0 never disaggregates
 */
public record PrefixBasedPdDecider(String name, int nonCachedTokens) implements PdDecider {
    public static final String TYPE = "prefix-based-pd-decider";

    /** Characters per token in the estimate, the figure llm-d uses for untokenised prompts. */
    public static final int CHARACTERS_PER_TOKEN = 4;

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "P/D decider: disaggregate when the decode endpoint misses at least nonCachedTokens prompt tokens",
            (name, params, ctx) -> new PrefixBasedPdDecider(name, threshold(params)));

    public PrefixBasedPdDecider {
        if (nonCachedTokens < 0) {
            throw new IllegalArgumentException("nonCachedTokens: " + nonCachedTokens + " (expected: >= 0)");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean disaggregate(CycleState state, InferenceRequest request, EndpointSnapshot decode) {
        if (nonCachedTokens == 0) {
            return false;
        }
        int promptTokens = estimatedPromptTokens(request);
        if (promptTokens < nonCachedTokens) {
            return false;
        }
        PrefixCacheMatches matches = state.get(PrefixCacheMatches.KEY);
        int uncached = matches == null ? promptTokens : matches.uncachedTokens(decode.id(), promptTokens);
        return uncached >= nonCachedTokens;
    }

    /** The prompt's length in tokens, estimated from its characters. */
    static int estimatedPromptTokens(InferenceRequest request) {
        return request.prompt().length() / CHARACTERS_PER_TOKEN;
    }

    private static int threshold(PluginParameters params) {
        int value = params.integer("nonCachedTokens", 0);
        return params.check(value >= 0, "nonCachedTokens", value, ">= 0 (0 turns disaggregation off)") ? value : 0;
    }
}
