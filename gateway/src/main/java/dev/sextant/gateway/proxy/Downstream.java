package dev.sextant.gateway.proxy;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * The client's side of one request, as the proxy answers it: either one whole response, or a head,
 * body pieces and an end. Every method is called on {@link #eventLoop()}; after the response ended
 * (or {@link #abort()}) further calls are ignored.
 */
interface Downstream {
    /** The client connection's event loop, where the request is handled. */
    EventLoop eventLoop();

    /** Sends a whole response. */
    void respond(FullHttpResponse response);

    /** Starts a streamed response (written, not yet flushed). */
    void begin(HttpResponse head);

    /**
     * Writes a piece of the body (taking ownership of it); {@code last} ends the response. Returns
     * whether the client can take more now; when it returns false, {@code whenWritable} runs once it can.
     */
    boolean send(HttpContent content, boolean last, Runnable whenWritable);

    /** Sends what {@link #begin} and {@link #send} wrote so far; the end of a response flushes by itself. */
    void flush();

    /** Ends a started response abnormally: the connection closes, so the client sees it cut off. */
    void abort();

    /** Runs {@code action} (once) if the client goes away before the response ended. */
    void whenGone(Runnable action);
}
