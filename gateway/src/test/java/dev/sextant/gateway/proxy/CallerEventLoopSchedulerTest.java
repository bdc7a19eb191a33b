package dev.sextant.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.util.EventLoopGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallerEventLoopSchedulerTest {
    private final EventLoopGroup group = EventLoopGroups.newEventLoopGroup(3);
    private final CallerEventLoopScheduler scheduler = new CallerEventLoopScheduler(group);
    private final Endpoint endpoint = Endpoint.of("127.0.0.1", 8000);

    @AfterEach
    void stop() {
        group.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    void aRequestSentFromALoopStaysOnThatLoop() throws Exception {
        for (int i = 0; i < 6; i++) {
            EventLoop caller = group.next();
            EventLoop chosen = caller.submit(() -> scheduler.acquire(SessionProtocol.H1C, endpoint, endpoint).get()).get();
            assertThat(chosen).isSameAs(caller);
        }
    }

    @Test
    void aRequestSentFromElsewhereTakesTheLoopsInTurn() {
        Set<EventLoop> chosen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var holder = scheduler.acquire(SessionProtocol.H1C, endpoint, endpoint);
            chosen.add(holder.get());
            holder.release();
        }
        assertThat(chosen).hasSize(3);
    }
}
