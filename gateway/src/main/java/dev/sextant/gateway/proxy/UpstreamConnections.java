package dev.sextant.gateway.proxy;

import dev.sextant.api.endpoint.EndpointId;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to the model servers. Each event loop has its own pool and opens
 * its own connections, so a request is received, forwarded and answered on one thread with no
 * hand-over and no lock. A connection carries one request at a time; it returns to its loop's pool
 * when a response ends cleanly and is closed after {@code idleTimeout} unused.
 */
final class UpstreamConnections {
    /** What a connection reports to the exchange that is using it; all calls come on its event loop. */
    interface Listener {
        void onResponse(HttpResponse head);

        /** A piece of the body; the listener owns (and releases or passes on) {@code content}. */
        void onContent(HttpContent content);

        /** The connection closed, or failed and was closed, while this listener held it. */
        void onClosed(Throwable cause);

        /** The end of a batch of reads: the moment to flush what was passed on. */
        void onReadComplete();
    }

    private final Bootstrap bootstrap;
    private final FastThreadLocal<Map<EndpointId, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<EndpointId, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    UpstreamConnections(Class<? extends Channel> channelType, Duration connectTimeout, Duration idleTimeout) {
        long idleMillis = idleTimeout.toMillis();
        this.bootstrap = new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(4096, 64 * 1024, 64 * 1024),
                                new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS), new Relay());
                    }
                });
    }

    /** An idle connection to {@code target} owned by the calling event loop, or null. Call on {@code loop}. */
    Channel pollIdle(EventLoop loop, EndpointId target) {
        assert loop.inEventLoop();
        ArrayDeque<Channel> connections = idle.get().get(target);
        while (connections != null && !connections.isEmpty()) {
            Channel ch = connections.pollLast();
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Opens a new connection to {@code target} on {@code loop}. */
    ChannelFuture connect(EventLoop loop, EndpointId target) {
        ChannelFuture connecting = bootstrap.clone(loop).connect(new InetSocketAddress(target.host(), target.port()));
        Channel ch = connecting.channel();
        ch.closeFuture().addListener(f -> {
            ArrayDeque<Channel> connections = idle.get().get(target);
            if (connections != null) {
                connections.remove(ch);
            }
        });
        return connecting;
    }

    /** Binds the connection to {@code listener}, which receives everything it reads until released. */
    static void attach(Channel ch, Listener listener) {
        ch.pipeline().get(Relay.class).listener = listener;
    }

    /** Puts a connection whose exchange ended cleanly back into its loop's pool. Call on its loop. */
    void release(Channel ch, EndpointId target) {
        Relay relay = ch.pipeline().get(Relay.class);
        if (relay == null || !ch.isActive()) {
            ch.close();
            return;
        }
        relay.listener = null;
        ch.config().setAutoRead(true);
        idle.get().computeIfAbsent(target, t -> new ArrayDeque<>()).addLast(ch);
    }

    /** Closes a connection whose exchange ended early: whatever it would still read belongs to no one. */
    static void discard(Channel ch) {
        Relay relay = ch.pipeline().get(Relay.class);
        if (relay != null) {
            relay.listener = null;
        }
        ch.close();
    }

    /** The last handler of an upstream connection: hands what it reads to the exchange using it. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        Listener listener;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Listener l = listener;
            if (l == null) {
                // An idle connection has nothing to say; a late byte means it is out of step.
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse head) {
                l.onResponse(head);
            }
            if (msg instanceof HttpContent content) {
                l.onContent(content);
            } else if (!(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Listener l = listener;
            if (l != null) {
                l.onReadComplete();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Listener l = listener;
            listener = null;
            if (l != null) {
                l.onClosed(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Listener l = listener;
            listener = null;
            ctx.close();
            if (l != null) {
                l.onClosed(cause);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent && listener == null) {
                ctx.close();
            }
        }
    }
}
