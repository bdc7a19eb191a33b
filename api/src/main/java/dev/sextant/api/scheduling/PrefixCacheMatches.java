package dev.sextant.api.scheduling;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.plugin.DataKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How much of one request's prompt each endpoint already holds in its KV cache, as a prefix
 * scorer found it. Prefix scorers (approximate or precise) put it into the {@link CycleState}
 * under {@link #KEY} while scoring; later plugins read it, e.g. a P/D decider asking how many
 * tokens the chosen decode endpoint would still have to prefill.
 *
 * @param blockSizeTokens tokens per block, as the scorer counted them
 * @param totalBlocks full blocks in the prompt
 * @param matchedBlocks per endpoint, the leading blocks found cached; endpoints absent matched none
 */
public record PrefixCacheMatches(int blockSizeTokens, int totalBlocks, Map<EndpointId, Integer> matchedBlocks) {

    /** Where prefix scorers leave their findings in the cycle state. */
    public static final DataKey<PrefixCacheMatches> KEY = DataKey.of("prefix-cache-matches", PrefixCacheMatches.class);

    public PrefixCacheMatches {
        if (blockSizeTokens <= 0) {
            throw new IllegalArgumentException("blockSizeTokens: " + blockSizeTokens + " (expected: > 0)");
        }
        if (totalBlocks < 0) {
            throw new IllegalArgumentException("totalBlocks: " + totalBlocks + " (expected: >= 0)");
        }
        matchedBlocks = Map.copyOf(Objects.requireNonNull(matchedBlocks, "matchedBlocks"));
    }

    /**
     * Puts {@code found} into {@code state}, merged with what a prefix scorer in another profile of the
     * same request already found there (per endpoint, the larger match), so a later plugin such as a
     * P/D decider sees every profile's candidates. Findings for another block size or prompt length
     * replace the earlier ones.
     */
    public static void publish(CycleState state, PrefixCacheMatches found) {
        PrefixCacheMatches earlier = state.get(KEY);
        if (earlier != null && earlier.blockSizeTokens() == found.blockSizeTokens()
                && earlier.totalBlocks() == found.totalBlocks() && !earlier.matchedBlocks().isEmpty()) {
            Map<EndpointId, Integer> merged = new HashMap<>(earlier.matchedBlocks());
            found.matchedBlocks().forEach((id, blocks) -> merged.merge(id, blocks, Math::max));
            found = new PrefixCacheMatches(found.blockSizeTokens(), found.totalBlocks(), merged);
        }
        state.put(KEY, found);
    }

    /** Leading blocks of the prompt cached on {@code endpoint}. */
    public int matchedBlocks(EndpointId endpoint) {
        return matchedBlocks.getOrDefault(endpoint, 0);
    }

    /** Prompt tokens {@code endpoint} would have to compute, given {@code promptTokens} in all. */
    public int uncachedTokens(EndpointId endpoint, int promptTokens) {
        return Math.max(0, promptTokens - matchedBlocks(endpoint) * blockSizeTokens);
    }
}
