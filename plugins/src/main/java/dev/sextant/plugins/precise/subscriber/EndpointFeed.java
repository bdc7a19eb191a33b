package dev.sextant.plugins.precise.subscriber;

import dev.sextant.api.endpoint.EndpointId;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.ZMQ;

/**
 * One endpoint's event feed: its SUB socket in connect mode (null in bind mode), counters and the
 * watchdog's clock readings. The socket is touched only by the subscriber thread; counters are read by
 * status calls and the routed mark is set by request threads.
 */
final class EndpointFeed {
    static final long NONE = Long.MIN_VALUE;

    final EndpointId endpoint;
    final String address;
    ZMQ.Socket socket;
    volatile long socketCreatedNanos;
    volatile long lastMessageNanos = NONE;
    volatile long messages;
    volatile long malformed;
    volatile long skippedEvents;
    volatile long gaps;
    volatile long recreations;
    volatile long lastLagMillis = -1;
    /** When a request went there that should have produced events, and none arrived since; NONE if none. */
    final AtomicLong unansweredSinceNanos = new AtomicLong(NONE);

    EndpointFeed(EndpointId endpoint, String address) {
        this.endpoint = endpoint;
        this.address = address;
    }

    SubscriberStatus status(long nowNanos) {
        long last = lastMessageNanos;
        return new SubscriberStatus(endpoint, address, messages, malformed, skippedEvents, gaps, recreations,
                lastLagMillis, last == NONE ? -1 : (nowNanos - last) / 1_000_000);
    }
}
