package dev.sextant.gateway.proxy;

import com.linecorp.armeria.client.WebClient;
import dev.sextant.api.SextantException;
import dev.sextant.api.time.Clock;
import dev.sextant.core.datalayer.EndpointStore;
import dev.sextant.core.requestcontrol.Director;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI-compatible HTTP/1.1 front, on Netty directly: the proxy path is the gateway's hot path,
 * and a general-purpose server framework spent three quarters of the CPU of a proxied request (see
 * docs/benchmarks.md). One event loop per core; a request is read, routed, forwarded over a pooled
 * connection of the same loop and answered without changing threads. HTTP/1.1 only (what OpenAI
 * clients and model servers speak over plain TCP); a client's {@code Upgrade: h2c} is ignored.
 */
public final class HttpFront implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    /** How long an unused connection to a model server stays open. */
    private static final Duration UPSTREAM_IDLE = Duration.ofSeconds(60);

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup clients;
    private final AtomicInteger inFlight;
    private final Duration shutdownGrace;

    private HttpFront(EventLoopGroup group, Channel server, ChannelGroup clients, AtomicInteger inFlight,
            Duration shutdownGrace) {
        this.group = group;
        this.server = server;
        this.clients = clients;
        this.inFlight = inFlight;
        this.shutdownGrace = shutdownGrace;
    }

    /** Settings of the front. */
    public record Settings(String bindAddress, int port, long maxBodyBytes, Duration connectTimeout,
            Duration responseTimeout, String endpointHeader, Duration shutdownGrace, Duration clientIdleTimeout) {}

    /**
     * Binds the front and starts serving.
     *
     * @param modelsClient the client that asks endpoints for their {@code /v1/models}
     * @param routingExecutor where routing runs when plugins may block; null to route on the event loop
     * @throws SextantException if the port cannot be bound
     */
    public static HttpFront start(Settings settings, Director director, EndpointStore store, WebClient modelsClient,
            Clock clock, Executor routingExecutor) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("sextant-http", true), io);
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        UpstreamConnections upstream = new UpstreamConnections(clientType, settings.connectTimeout(), UPSTREAM_IDLE);
        ProxyService proxy = new ProxyService(director, upstream, clock, settings.endpointHeader(),
                settings.responseTimeout(), routingExecutor);
        ModelsService models = new ModelsService(store, modelsClient, Duration.ofSeconds(2));
        ChannelGroup clients = new DefaultChannelGroup("sextant-http-clients", GlobalEventExecutor.INSTANCE);
        AtomicInteger inFlight = new AtomicInteger();
        int maxBody = (int) Math.min(Integer.MAX_VALUE - 1L, settings.maxBodyBytes());
        long clientIdleMillis = settings.clientIdleTimeout().toMillis();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(),
                                new IdleStateHandler(0, 0, clientIdleMillis, TimeUnit.MILLISECONDS),
                                new BodyLimit(maxBody),
                                new ClientConnection(proxy, models, clock, inFlight));
                    }
                });
        Channel server;
        try {
            server = bootstrap.bind(new InetSocketAddress(settings.bindAddress(), settings.port())).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new SextantException("HTTP front could not listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        return new HttpFront(group, server, clients, inFlight, settings.shutdownGrace());
    }

    /** The port the front listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Stops accepting connections, waits up to the shutdown grace for requests in flight, then closes
     * every connection and the event loops.
     */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.log(System.Logger.Level.WARNING, "HTTP front stopping with {0} requests still in flight", inFlight.get());
        }
        clients.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Whole requests up to the body limit. A larger one gets 413 in OpenAI's shape, then the connection
     * reads and drops the rest of the body for a while before it closes: closing at once, with the
     * client still sending, resets the connection and can destroy the 413 before the client reads it.
     */
    private static final class BodyLimit extends HttpObjectAggregator {
        /** How long a refused body may keep arriving; a client that closes first ends it sooner. */
        private static final long LINGER_MILLIS = 2_000;
        private final int maxBody;

        BodyLimit(int maxBody) {
            super(maxBody, true);
            this.maxBody = maxBody;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse refusal = OpenAiErrors.response(413, "request_too_large",
                    "request body is larger than " + maxBody + " bytes");
            HttpUtil.setKeepAlive(refusal, false);
            // The aggregator drops the rest of this message's content as it arrives.
            ctx.writeAndFlush(refusal).addListener(written ->
                    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        }
    }
}
