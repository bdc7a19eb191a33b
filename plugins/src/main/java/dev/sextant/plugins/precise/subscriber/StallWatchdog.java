package dev.sextant.plugins.precise.subscriber;

/**
 * Decides when a SUB socket is stuck: requests that should have made the engine publish were routed to
 * its endpoint {@code stallTimeout} ago or more, the socket was created before that, and nothing has
 * arrived since. JeroMQ 0.6 SUB sockets on a few percent of fresh connections never deliver and do not
 * recover by waiting; replacing the socket does. A false alarm costs a reconnect (and, if the engine
 * published meanwhile, a sequence gap that resets the endpoint's entries).
 */
final class StallWatchdog {
    private final long stallTimeoutNanos;

    StallWatchdog(long stallTimeoutNanos) {
        this.stallTimeoutNanos = stallTimeoutNanos;
    }

    /** Whether {@code feed}'s socket should be replaced now. */
    boolean isStalled(EndpointFeed feed, long nowNanos) {
        long since = feed.unansweredSinceNanos.get();
        return since != EndpointFeed.NONE
                && nowNanos - since >= stallTimeoutNanos
                && nowNanos - feed.socketCreatedNanos >= stallTimeoutNanos;
    }
}
