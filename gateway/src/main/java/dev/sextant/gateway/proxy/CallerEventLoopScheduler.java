package dev.sextant.gateway.proxy;

import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.EventLoopScheduler;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.util.ReleasableHolder;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;

/**
 * Gives an upstream request the event loop of the thread that sends it, when that thread is one of
 * the group's loops, and otherwise the group's next loop in turn.
 *
 * <p>The proxy sends upstream requests from the event loop that received the client's request. With
 * Armeria's default scheduler the upstream exchange would run on another loop (one loop per endpoint,
 * spread over the group), so every request would cross threads twice, each crossing a wake-up and,
 * on a busy machine, a context switch. Keeping both sides of a request on one loop is what a
 * single-threaded proxy such as nginx gets for free; connections to each endpoint are then pooled
 * per loop, at most one busy connection per in-flight request as before.
 */
public final class CallerEventLoopScheduler implements EventLoopScheduler {
    private final EventLoopGroup group;

    public CallerEventLoopScheduler(EventLoopGroup group) {
        this.group = Objects.requireNonNull(group, "group");
    }

    @Override
    public ReleasableHolder<EventLoop> acquire(SessionProtocol protocol, EndpointGroup endpointGroup, Endpoint endpoint) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop() && executor instanceof EventLoop loop) {
                return new Loop(loop);
            }
        }
        return new Loop(group.next());
    }

    /** Nothing to release: loops are shared, not taken from a pool. */
    private record Loop(EventLoop get) implements ReleasableHolder<EventLoop> {
        @Override
        public void release() {}
    }
}
