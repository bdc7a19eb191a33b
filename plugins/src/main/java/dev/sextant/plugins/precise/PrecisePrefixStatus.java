package dev.sextant.plugins.precise;

import dev.sextant.plugins.precise.index.EndpointIndexStatus;
import dev.sextant.plugins.precise.subscriber.SubscriberStatus;
import java.util.List;

/**
 * A snapshot of one precise prefix scorer, served by {@code /debug/prefix}.
 *
 * @param plugin the plugin's name
 * @param blockTable the block table in use
 * @param distinctBlocks block keys held by any endpoint, speculative ones included
 * @param index per endpoint, what the index holds
 * @param subscriber per endpoint, what the event subscriber has seen (empty when events are fed in process)
 * @param unattributedMessages messages whose topic named no known endpoint (bind mode)
 */
public record PrecisePrefixStatus(String plugin, String blockTable, int distinctBlocks, List<EndpointIndexStatus> index,
        List<SubscriberStatus> subscriber, long unattributedMessages) {}
