package dev.sextant.gateway.usage;

import dev.sextant.api.request.Usage;

/**
 * Watches a response body go by, chunk by chunk, and remembers the token usage it reports, without
 * holding the body: server-sent events are scanned line by line; a plain JSON body is buffered up to
 * a cap. Not thread-safe: one per response, fed in order.
 */
public sealed interface UsageCollector permits SseUsageScanner, JsonUsageBuffer {

    /** A collector for a response of the given content type. */
    static UsageCollector forContentType(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")
                ? new SseUsageScanner() : new JsonUsageBuffer();
    }

    /** Feeds the next chunk of the body. */
    void accept(byte[] chunk, int offset, int length);

    /** The usage seen so far (the last one reported), or {@link Usage#NONE}. */
    Usage usage();
}
