package dev.sextant.plugins.precise.subscriber;

import dev.sextant.api.endpoint.EndpointId;

/**
 * What the subscriber has seen from one endpoint, for {@code /debug/prefix}.
 *
 * @param endpoint the endpoint
 * @param address the ZeroMQ address subscribed to (the bound one in bind mode)
 * @param messages batches received
 * @param malformed messages dropped because their framing or payload was not a KV-event batch
 * @param skippedEvents events inside good batches that were malformed or of an unknown kind
 * @param gaps sequence gaps detected
 * @param socketRecreations SUB sockets replaced by the stall watchdog
 * @param lastLagMillis receive time minus the batch's engine timestamp for the last batch, -1 when unknown
 * @param lastMessageAgeMillis time since the last batch, -1 before the first
 */
public record SubscriberStatus(EndpointId endpoint, String address, long messages, long malformed, long skippedEvents,
        long gaps, long socketRecreations, long lastLagMillis, long lastMessageAgeMillis) {}
