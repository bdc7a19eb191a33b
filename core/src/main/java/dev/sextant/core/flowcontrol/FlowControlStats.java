package dev.sextant.core.flowcontrol;

import java.util.Map;

/**
 * What flow control holds at one moment, published by the dispatch thread after each change.
 *
 * @param requests requests queued
 * @param bytes bytes queued
 * @param bands requests and bytes per priority ({@code [requests, bytes]})
 * @param flows flows with requests waiting
 */
public record FlowControlStats(long requests, long bytes, Map<Integer, long[]> bands, int flows) {
    /** Nothing queued. */
    public static final FlowControlStats EMPTY = new FlowControlStats(0, 0, Map.of(), 0);
}
