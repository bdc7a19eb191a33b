package dev.sextant.plugins.precise.index;

import dev.sextant.api.endpoint.EndpointId;

/**
 * What the prefix index knows about one endpoint, for {@code /debug/prefix} and tests.
 *
 * @param endpoint the endpoint
 * @param blocks distinct engine blocks indexed for it (all tiers), speculative entries excluded
 * @param lastSequence the last KV-event batch sequence number applied, -1 before the first
 * @param gaps sequence gaps seen (each dropped the endpoint's entries)
 * @param resets times its entries were dropped (gaps, {@code AllBlocksCleared}, explicit resets)
 * @param orphanBlocks stored blocks ignored because their parent was unknown (after a reset, or when
 *     the block size differed)
 * @param overflowBlocks stored blocks ignored because the endpoint was at its block limit
 * @param batches event batches applied
 * @param lastBatchNanos index clock reading when the last batch was applied, {@code Long.MIN_VALUE} before
 */
public record EndpointIndexStatus(EndpointId endpoint, int blocks, long lastSequence, long gaps, long resets,
        long orphanBlocks, long overflowBlocks, long batches, long lastBatchNanos) {}
