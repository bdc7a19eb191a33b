package dev.sextant.gateway.proxy;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.requestcontrol.ResponseSummary.Outcome;
import dev.sextant.api.time.Clock;
import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.RequestHandle;
import dev.sextant.core.requestcontrol.RoutingDecision;
import dev.sextant.gateway.usage.UsageCollector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one routed request to its endpoints: the primary first, then each fallback while the
 * previous one refused the connection, closed it before answering, or answered 503, as long as
 * nothing has reached the client. A pooled connection that turns out to be closed by the server is
 * replaced by a fresh one to the same endpoint once, without counting as a fallback.
 *
 * <p>Once response headers are passed on there is no retry. The body streams through with
 * backpressure (the model server's connection stops reading while the client's is full); usage is
 * read from it on the way; the request's completion hooks run exactly once, also when the client
 * goes away (which closes the upstream connection). Everything runs on the client's event loop.
 */
final class UpstreamExchange implements UpstreamConnections.Listener {
    private final Downstream client;
    private final UpstreamConnections connections;
    private final RoutingDecision.Routed routed;
    private final RequestHandle handle;
    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders clientHeaders;
    private final byte[] body;
    private final Clock clock;
    private final String endpointHeader;
    private final long responseTimeoutNanos;

    private int index;
    private Channel upstream;
    private boolean upstreamReused;
    private boolean retriedFresh;
    private boolean finished;
    /** The response being passed on, set once its head went to the client. */
    private ResponseInfo info;
    private HttpResponse upstreamHead;
    private UsageCollector usage;
    private long firstByteNanos;
    private ScheduledFuture<?> timeout;

    UpstreamExchange(Downstream client, UpstreamConnections connections, RoutingDecision.Routed routed,
            HttpMethod method, String uri, HttpHeaders clientHeaders, byte[] body, Clock clock, String endpointHeader,
            long responseTimeoutNanos) {
        this.client = client;
        this.connections = connections;
        this.routed = routed;
        this.handle = routed.handle();
        this.method = method;
        this.uri = uri;
        this.clientHeaders = clientHeaders;
        this.body = body;
        this.clock = clock;
        this.endpointHeader = endpointHeader;
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    void start() {
        client.whenGone(this::clientGone);
        if (finished) {
            return; // the client left while the request was being routed
        }
        if (responseTimeoutNanos > 0) {
            timeout = client.eventLoop().schedule(this::timedOut, responseTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        attempt(0);
    }

    /** Whether response headers have gone to the client, after which nothing is retried. */
    private boolean headersSent() {
        return info != null;
    }

    private EndpointId target() {
        return routed.targets().get(index);
    }

    private boolean isLastTarget() {
        return index == routed.targets().size() - 1;
    }

    private void attempt(int targetIndex) {
        index = targetIndex;
        retriedFresh = false;
        Channel pooled = connections.pollIdle(client.eventLoop(), target());
        if (pooled != null) {
            send(pooled, true);
        } else {
            connectFresh();
        }
    }

    private void connectFresh() {
        ChannelFuture connecting = connections.connect(client.eventLoop(), target());
        connecting.addListener(f -> {
            if (finished) {
                connecting.channel().close();
            } else if (f.isSuccess()) {
                send(connecting.channel(), false);
            } else {
                notAnswered(describeConnectFailure(f.cause()));
            }
        });
    }

    private void send(Channel ch, boolean reused) {
        upstream = ch;
        upstreamReused = reused;
        UpstreamConnections.attach(ch, this);
        HttpHeaders headers = ForwardedHeaders.upstream(clientHeaders, handle.request().requestId(),
                routed.setHeaders(), routed.removeHeaders());
        headers.set(HttpHeaderNames.HOST, target().toString());
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        if (body != null || !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content, headers,
                EmptyHttpHeaders.INSTANCE);
        // A failed write closes the connection, which reports through onClosed.
        ch.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void onResponse(HttpResponse head) {
        if (finished) {
            return;
        }
        int status = head.status().code();
        if (status == 503 && !isLastTarget()) {
            UpstreamConnections.discard(upstream);
            upstream = null;
            attempt(index + 1);
            return;
        }
        upstreamHead = head;
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        info = new ResponseInfo(target(), status,
                contentType != null && contentType.startsWith("text/event-stream"),
                ForwardedHeaders.asMap(head.headers()), clock.nanos());
        HeaderChanges changes = handle.responseReceived(info);
        usage = UsageCollector.forContentType(contentType);
        HttpHeaders headers = ForwardedHeaders.downstream(head.headers(), endpointHeader, target().toString(), changes);
        String length = head.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && !HttpUtil.isTransferEncodingChunked(head)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else if (status != 204 && status != 304 && !method.equals(HttpMethod.HEAD)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        client.begin(new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status(), headers));
    }

    @Override
    public void onContent(HttpContent content) {
        if (finished || !headersSent()) {
            content.release();
            return;
        }
        ByteBuf data = content.content();
        if (data.isReadable()) {
            long now = clock.nanos();
            if (firstByteNanos == 0) {
                firstByteNanos = now;
            }
            acceptUsage(data);
            if (info.streaming()) {
                handle.responseChunk(info, data.readableBytes(), now);
            }
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            Channel ch = upstream;
            upstream = null;
            finish(info.status() >= 200 && info.status() < 300 ? Outcome.SUCCESS : Outcome.SERVER_ERROR);
            if (HttpUtil.isKeepAlive(upstreamHead)) {
                connections.release(ch, target());
            } else {
                UpstreamConnections.discard(ch);
            }
            client.send(content, true, null);
            return;
        }
        Channel ch = upstream;
        if (!client.send(content, false, () -> resumeReading(ch))) {
            ch.config().setAutoRead(false);
        }
    }

    @Override
    public void onReadComplete() {
        if (!finished && headersSent()) {
            client.flush();
        }
    }

    private void resumeReading(Channel ch) {
        if (!finished && ch == upstream) {
            ch.config().setAutoRead(true);
        }
    }

    private void acceptUsage(ByteBuf data) {
        if (data.hasArray()) {
            usage.accept(data.array(), data.arrayOffset() + data.readerIndex(), data.readableBytes());
        } else {
            byte[] copy = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), copy);
            usage.accept(copy, 0, copy.length);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (finished) {
            return;
        }
        upstream = null;
        if (headersSent()) {
            finish(Outcome.UPSTREAM_FAILED);
            client.abort();
            return;
        }
        if (upstreamReused && !retriedFresh) {
            // A kept-alive connection the server had already closed: the request never reached it.
            retriedFresh = true;
            connectFresh();
            return;
        }
        notAnswered("closed the connection before answering");
    }

    /** The current target took nothing from us, or answered nothing: try the next or give up. */
    private void notAnswered(String why) {
        if (finished) {
            return;
        }
        if (!isLastTarget()) {
            attempt(index + 1);
            return;
        }
        EndpointId target = target();
        finish(Outcome.UPSTREAM_FAILED);
        client.respond(OpenAiErrors.response(502, "upstream_unreachable", "could not reach any model server (tried "
                + routed.targets().size() + "; last " + target + ": " + why + ")"));
    }

    private void timedOut() {
        if (finished) {
            return;
        }
        EndpointId target = target();
        Channel ch = upstream;
        upstream = null;
        finish(Outcome.UPSTREAM_FAILED);
        if (ch != null) {
            UpstreamConnections.discard(ch);
        }
        if (headersSent()) {
            client.abort();
        } else {
            client.respond(OpenAiErrors.response(504, "upstream_timeout",
                    "model server " + target + " did not answer in time"));
        }
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        Channel ch = upstream;
        upstream = null;
        finish(Outcome.CANCELLED);
        if (ch != null) {
            UpstreamConnections.discard(ch);
        }
    }

    private void finish(Outcome outcome) {
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        int status = info == null ? 0 : info.status();
        Usage used = usage == null ? Usage.NONE : usage.usage();
        handle.complete(new ResponseSummary(target(), outcome, status, used, firstByteNanos, clock.nanos()));
    }

    private static String describeConnectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String m = cause == null ? null : cause.getMessage();
        return m == null || m.isBlank() ? String.valueOf(cause) : m;
    }
}
