package dev.sextant.bench.extproc;

/**
 * When one ext_proc exchange did what, in {@link dev.sextant.api.time.Clock#nanos()} time; or why it failed.
 *
 * @param intendedNanos when the request was meant to start (the schedule's time open loop; the start closed loop)
 * @param startNanos when the request headers were sent
 * @param lastChunkSentNanos just before the last request-body chunk was handed to gRPC
 * @param pickedNanos when the headers response carrying the destination arrived
 * @param bodyBackNanos when the last chunk of the body sent back arrived: the picker's share of the request ends
 * @param responseSentNanos when the response headers were sent
 * @param endNanos when the response body came back through the picker
 * @param destination the picked endpoints as the picker wrote them ({@code ip:port[,ip:port...]}), or null
 * @param failure why the exchange failed ({@code immediate_429}, {@code grpc_UNAVAILABLE}, ...), null on success
 */
record ExchangeTimes(long intendedNanos, long startNanos, long lastChunkSentNanos, long pickedNanos,
        long bodyBackNanos, long responseSentNanos, long endNanos, String destination, String failure) {

    /** Whether the exchange went through every step. */
    boolean succeeded() {
        return failure == null;
    }

    /** The picker's added latency: from the last body chunk sent to the whole body back with a destination. */
    long addedNanos() {
        return bodyBackNanos - lastChunkSentNanos;
    }

    /**
     * The added latency counted from when the last chunk was meant to go out: the time the client took to send the
     * body, shifted to the intended start. Equal to {@link #addedNanos()} when the request started on time.
     */
    long addedFromIntendedNanos() {
        return bodyBackNanos - (intendedNanos + (lastChunkSentNanos - startNanos));
    }

    /** From the last chunk sent to the headers response with the destination. */
    long pickNanos() {
        return pickedNanos - lastChunkSentNanos;
    }

    /** From the response headers sent to the response body back: the picker's share of the response. */
    long responseNanos() {
        return endNanos - responseSentNanos;
    }

    /** How late the request started against its intended time. */
    long sendLagNanos() {
        return startNanos - intendedNanos;
    }
}
