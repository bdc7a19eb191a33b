package dev.sextant.gateway.proxy;

import dev.sextant.api.time.Clock;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection of the HTTP front: takes whole requests from the codec, answers them one at
 * a time and in order (pipelined requests wait their turn, up to {@link #MAX_WAITING}), and keeps the
 * connection open when the client asked for keep-alive, until it has been idle (no request in flight,
 * nothing read or written) for the gateway's client idle timeout. Routes: {@code /v1/models} (the union of the endpoints' models), the
 * rest of {@code /v1/} to the {@link ProxyService}, anything else 404 in OpenAI's error shape.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    /**
     * How many pipelined requests may wait behind the one in progress before the connection stops
     * reading. Reading is not paused for each request: that would cost two {@code epoll_ctl} calls per
     * request, a quarter of the system calls a proxied request needs.
     */
    static final int MAX_WAITING = 16;

    private final ProxyService proxy;
    private final ModelsService models;
    private final Clock clock;
    private final AtomicInteger inFlight;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Reply current;

    ClientConnection(ProxyService proxy, ModelsService models, Clock clock, AtomicInteger inFlight) {
        this.proxy = proxy;
        this.models = models;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null || !waiting.isEmpty()) {
            waiting.addLast(req); // pipelined: answered after the ones before it
            if (waiting.size() >= MAX_WAITING) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        handle(req);
    }

    private void handle(FullHttpRequest req) {
        long receivedAt = clock.nanos();
        Reply reply = new Reply(HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess());
        current = reply;
        inFlight.incrementAndGet();
        try {
            if (req.decoderResult().isFailure()) {
                reply.respond(malformed(req.decoderResult().cause()));
                return;
            }
            String path = ProxyService.pathOf(req.uri());
            if (path.equals("/v1/models")) {
                models.list().whenComplete((json, error) -> ctx.executor().execute(() -> reply.respond(error != null
                        ? OpenAiErrors.response(500, "internal", "listing models failed: " + error)
                        : json(json))));
            } else if (path.startsWith("/v1/")) {
                proxy.serve(req, receivedAt, reply);
            } else {
                reply.respond(OpenAiErrors.response(404, "not_found",
                        "no such route: " + path + " (Sextant serves the OpenAI API under /v1/)"));
            }
        } finally {
            req.release();
        }
    }

    private void handleNext() {
        FullHttpRequest next = current == null ? waiting.pollFirst() : null;
        if (next != null) {
            handle(next);
        }
    }

    private static FullHttpResponse malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return OpenAiErrors.response(414, "uri_too_long", "request line is too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return OpenAiErrors.response(431, "headers_too_large", "request headers are too large");
        }
        String why = cause instanceof TooLongFrameException || cause.getMessage() == null
                ? cause.getClass().getSimpleName() : cause.getMessage();
        return OpenAiErrors.response(400, "invalid_request", "request could not be read: " + why);
    }

    private static FullHttpResponse json(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && ctx.channel().isWritable()) {
            current.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Reply reply = current;
        if (reply != null) {
            reply.gone();
        }
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (current == null && waiting.isEmpty()) {
                ctx.close(); // an idle keep-alive connection; one with a request in flight stays
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // reset by the client, or a codec failure outside a request: the connection is done
    }

    /** The answer to one request; stale calls (after it ended) are ignored. */
    private final class Reply implements Downstream {
        private final boolean keepAlive;
        private boolean ended;
        private List<Runnable> whenGone;
        private Runnable whenWritable;

        Reply(boolean keepAlive) {
            this.keepAlive = keepAlive;
        }

        @Override
        public EventLoop eventLoop() {
            return ctx.channel().eventLoop();
        }

        @Override
        public void respond(FullHttpResponse response) {
            if (ended) {
                response.release();
                return;
            }
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.writeAndFlush(response);
            end();
        }

        @Override
        public void begin(HttpResponse head) {
            if (ended) {
                return;
            }
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
        }

        @Override
        public boolean send(HttpContent content, boolean last, Runnable writable) {
            if (ended) {
                content.release();
                return true;
            }
            if (last) {
                ctx.writeAndFlush(content instanceof LastHttpContent ? content : lastOf(content));
                end();
                return true;
            }
            ctx.write(content);
            if (ctx.channel().isWritable()) {
                return true;
            }
            ctx.flush();
            whenWritable = writable;
            return false;
        }

        private LastHttpContent lastOf(HttpContent content) {
            ctx.write(content);
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }

        @Override
        public void flush() {
            if (!ended) {
                ctx.flush();
            }
        }

        @Override
        public void abort() {
            if (!ended) {
                ended = true;
                finished();
                ctx.close();
            }
        }

        @Override
        public void whenGone(Runnable action) {
            if (ended) {
                return;
            }
            if (!ctx.channel().isActive()) {
                action.run();
                return;
            }
            if (whenGone == null) {
                whenGone = new ArrayList<>(2);
            }
            whenGone.add(action);
        }

        void writable() {
            Runnable r = whenWritable;
            whenWritable = null;
            if (r != null && !ended) {
                r.run();
            }
        }

        void gone() {
            if (ended) {
                return;
            }
            ended = true;
            finished();
            if (whenGone != null) {
                whenGone.forEach(Runnable::run);
            }
        }

        private void end() {
            ended = true;
            finished();
            if (!keepAlive) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (!waiting.isEmpty()) {
                ctx.executor().execute(ClientConnection.this::handleNext); // not nested in this request's stack
            }
            if (waiting.size() < MAX_WAITING) {
                ctx.channel().config().setAutoRead(true); // no-op unless a full queue paused reading
            }
        }

        private void finished() {
            if (current == this) {
                current = null;
            }
            inFlight.decrementAndGet();
        }
    }
}
