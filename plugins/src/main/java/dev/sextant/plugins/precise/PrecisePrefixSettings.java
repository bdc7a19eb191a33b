package dev.sextant.plugins.precise;

import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.plugins.precise.index.BlockTable;
import dev.sextant.plugins.precise.subscriber.SubscriberSettings;
import java.time.Duration;

/**
 * The parameters of {@code precise-prefix-cache-scorer}, read with llm-d's names where llm-d has them
 * (docs/configuration.md lists them all).
 *
 * @param blockSize {@code tokenProcessorConfig.blockSize}: tokens per block, as the engine's
 * @param hashSeed {@code tokenProcessorConfig.hashSeed}: seed of Sextant's block keys
 * @param tokenizer {@code tokenizer}: the jtokkit encoding the engines use
 * @param tokenCacheSize {@code tokenCacheSize}: most texts whose tokens are cached
 * @param blockTable {@code indexerConfig.blockTable}: {@code open}, {@code art} or {@code hash}
 * @param maxBlocksPerEndpoint {@code indexerConfig.maxBlocksPerEndpoint}: bound of one endpoint's entries
 * @param speculativeIndexing {@code speculativeIndexing}: mark a picked prompt's blocks until events arrive
 * @param speculativeTtl {@code speculativeTTL}: how long a speculative entry lives
 * @param subscriber {@code kvEventsConfig}: how events are received
 */
public record PrecisePrefixSettings(int blockSize, String hashSeed, String tokenizer, int tokenCacheSize,
        BlockTable.Kind blockTable, int maxBlocksPerEndpoint, boolean speculativeIndexing, Duration speculativeTtl,
        SubscriberSettings subscriber) {

    /** Reads and checks the parameters; problems are recorded in {@code params}, defaults used instead. */
    public static PrecisePrefixSettings read(PluginParameters params) {
        PluginParameters tokens = params.object("tokenProcessorConfig");
        int blockSize = tokens.integer("blockSize", 16);
        if (!tokens.check(blockSize > 0, "blockSize", blockSize, "> 0")) {
            blockSize = 16;
        }
        String hashSeed = tokens.string("hashSeed", "");
        String tokenizer = params.string("tokenizer", "cl100k_base");
        int tokenCacheSize = params.integer("tokenCacheSize", 10_000);
        if (!params.check(tokenCacheSize >= 0, "tokenCacheSize", tokenCacheSize, ">= 0")) {
            tokenCacheSize = 10_000;
        }
        PluginParameters indexer = params.object("indexerConfig");
        String table = indexer.string("blockTable", "open");
        BlockTable.Kind kind = switch (table) {
            case "open" -> BlockTable.Kind.OPEN;
            case "art" -> BlockTable.Kind.ART;
            case "hash" -> BlockTable.Kind.HASH;
            default -> {
                indexer.check(false, "blockTable", table, "open, art or hash");
                yield BlockTable.Kind.OPEN;
            }
        };
        int maxBlocks = indexer.integer("maxBlocksPerEndpoint", 131_072);
        if (!indexer.check(maxBlocks > 0, "maxBlocksPerEndpoint", maxBlocks, "> 0")) {
            maxBlocks = 131_072;
        }
        boolean speculative = params.flag("speculativeIndexing", true);
        Duration ttl = params.duration("speculativeTTL", Duration.ofSeconds(2));
        if (!params.check(!ttl.isNegative(), "speculativeTTL", ttl, ">= 0")) {
            ttl = Duration.ofSeconds(2);
        }
        PluginParameters events = params.object("kvEventsConfig");
        String topicFilter = events.string("topicFilter", "kv@");
        String bind = events.string("zmqEndpoint", "");
        if (!bind.isEmpty()) {
            events.check(bind.matches("tcp://[^:/]+:\\d{1,5}"), "zmqEndpoint", bind, "tcp://host:port to bind");
        }
        int port = events.object("podDiscoveryConfig").integer("socketPort", SubscriberSettings.DEFAULT_PORT);
        if (!events.check(port > 0 && port <= 65535, "podDiscoveryConfig.socketPort", port, "1..65535")) {
            port = SubscriberSettings.DEFAULT_PORT;
        }
        String model = events.string("modelName", "");
        Duration stall = events.duration("stallTimeout", Duration.ofSeconds(5));
        if (!events.check(stall.toMillis() > 0, "stallTimeout", stall, "> 0")) {
            stall = Duration.ofSeconds(5);
        }
        return new PrecisePrefixSettings(blockSize, hashSeed, tokenizer, tokenCacheSize, kind, maxBlocks, speculative,
                ttl, new SubscriberSettings(port, bind, topicFilter, model, stall));
    }
}
