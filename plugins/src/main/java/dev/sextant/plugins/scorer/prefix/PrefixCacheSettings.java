package dev.sextant.plugins.scorer.prefix;

import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.plugin.PluginParameters;
import java.time.Duration;

/**
 * The parameters of a {@code prefix-cache-scorer}, read and checked.
 *
 * @param blockSizeTokens tokens per hashed block (each block is 4× as many characters)
 * @param maxPrefixBlocksToMatch the most leading blocks hashed and matched
 * @param maxPrefixTokensToMatch when &gt; 0, the most leading tokens matched; overrides the block limit
 * @param lruCapacityPerServer blocks remembered per endpoint when its cache size is unknown
 * @param autoTune whether to take block size and capacity from the endpoints' reported cache geometry
 * @param idleEndpointTimeout how long an endpoint may go unseen before the index forgets it
 */
public record PrefixCacheSettings(int blockSizeTokens, int maxPrefixBlocksToMatch, int maxPrefixTokensToMatch,
        int lruCapacityPerServer, boolean autoTune, Duration idleEndpointTimeout) {

    /** Largest block size accepted, in tokens, from configuration or from an endpoint's metrics. */
    public static final int MAX_BLOCK_SIZE_TOKENS = 1 << 16;
    /** Largest number of blocks matched per request. */
    public static final int MAX_BLOCKS_TO_MATCH = 1 << 16;
    /**
     * Largest number of blocks remembered per endpoint, whatever the endpoint reports as its
     * {@code num_gpu_blocks}: keeps the index's memory bounded against hostile metrics.
     */
    public static final int MAX_CAPACITY_PER_SERVER = 1 << 20;

    /** GIE's defaults: 16-token blocks, 256 blocks, 31,250 blocks per server, auto-tuned. */
    public static final PrefixCacheSettings DEFAULTS =
            new PrefixCacheSettings(16, 256, 0, 31_250, true, Duration.ofMinutes(10));

    /** Reads the settings, recording a problem that names the field for every invalid value. */
    public static PrefixCacheSettings read(PluginParameters params) {
        boolean tokensGiven = params.has("blockSizeTokens");
        int blockSizeTokens = params.integer("blockSizeTokens", DEFAULTS.blockSizeTokens);
        params.check(blockSizeTokens > 0 && blockSizeTokens <= MAX_BLOCK_SIZE_TOKENS, "blockSizeTokens",
                blockSizeTokens, "1.." + MAX_BLOCK_SIZE_TOKENS);
        if (params.has("blockSize")) {
            int legacyChars = params.integer("blockSize", 0);
            // GIE refuses the character-based blockSize unless blockSizeTokens is also given, which then wins.
            if (!tokensGiven) {
                params.check(false, "blockSize", legacyChars, "blockSizeTokens instead; blockSize counted characters"
                        + " and is no longer used, " + legacyChars + " characters is about blockSizeTokens: "
                        + Math.max(1, legacyChars / PromptBlockHasher.CHARS_PER_TOKEN));
            }
        }
        int maxBlocks = params.integer("maxPrefixBlocksToMatch", DEFAULTS.maxPrefixBlocksToMatch);
        params.check(maxBlocks > 0 && maxBlocks <= MAX_BLOCKS_TO_MATCH, "maxPrefixBlocksToMatch", maxBlocks,
                "1.." + MAX_BLOCKS_TO_MATCH);
        int maxTokens = params.integer("maxPrefixTokensToMatch", DEFAULTS.maxPrefixTokensToMatch);
        params.check(maxTokens >= 0, "maxPrefixTokensToMatch", maxTokens, ">= 0, 0 meaning no limit in tokens");
        int capacity = params.integer("lruCapacityPerServer", DEFAULTS.lruCapacityPerServer);
        params.check(capacity > 0 && capacity <= MAX_CAPACITY_PER_SERVER, "lruCapacityPerServer", capacity,
                "1.." + MAX_CAPACITY_PER_SERVER);
        boolean autoTune = params.flag("autoTune", DEFAULTS.autoTune);
        Duration idle = params.duration("idleEndpointTimeout", DEFAULTS.idleEndpointTimeout);
        params.check(idle.isPositive(), "idleEndpointTimeout", idle, "> 0");
        return new PrefixCacheSettings(clamp(blockSizeTokens, MAX_BLOCK_SIZE_TOKENS),
                clamp(maxBlocks, MAX_BLOCKS_TO_MATCH), Math.max(0, maxTokens), clamp(capacity, MAX_CAPACITY_PER_SERVER),
                autoTune, idle.isPositive() ? idle : DEFAULTS.idleEndpointTimeout);
    }

    /** The block size to hash with, given the metrics of the first candidate that reports one. */
    int blockSizeTokens(EndpointMetrics reported) {
        if (autoTune && reported != null && reported.cacheBlockSize() > 0) {
            return Math.min(reported.cacheBlockSize(), MAX_BLOCK_SIZE_TOKENS);
        }
        return blockSizeTokens;
    }

    /** The most blocks to hash when blocks are {@code blockSize} tokens. */
    int maxBlocks(int blockSize) {
        if (maxPrefixTokensToMatch > 0) {
            return Math.min(maxPrefixTokensToMatch / blockSize, MAX_BLOCKS_TO_MATCH);
        }
        return maxPrefixBlocksToMatch;
    }

    /** The blocks to remember for an endpoint that reports {@code metrics}. */
    int capacity(EndpointMetrics metrics) {
        if (autoTune && metrics.cacheNumBlocks() > 0) {
            return (int) Math.min(metrics.cacheNumBlocks(), MAX_CAPACITY_PER_SERVER);
        }
        return lruCapacityPerServer;
    }

    private static int clamp(int value, int max) {
        return Math.clamp(value, 1, max);
    }
}
