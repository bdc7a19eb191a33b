package dev.sextant.simulator.kvevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.simulator.engine.KvEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class KvEventPublisherTest {
    private static final List<KvEvent> BATCH = List.of(new KvEvent.BlockRemoved(new long[] {42}));

    /**
     * Regression: the sequence frame was one reused array, and JeroMQ sends frames later from its
     * I/O thread, so batches published back to back went out with the same or skipped numbers.
     */
    @Test
    void batchesPublishedBackToBackCarryConsecutiveSequenceNumbers() {
        try (KvEventPublisher publisher = new KvEventPublisher(KvEventsEndpoint.parse("bind:tcp://127.0.0.1:*"),
                "kv@127.0.0.1:1@m", nanos -> 1.0);
                ZContext context = new ZContext(1)) {
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            sub.connect(publisher.endpoint());
            sub.subscribe(new byte[0]);
            sub.setReceiveTimeOut(100);
            long first = -1;
            for (int attempt = 0; attempt < 200 && first < 0; attempt++) {
                publisher.publish(0, BATCH);
                byte[] topic = sub.recv();
                if (topic != null) {
                    assertThat(new String(topic, StandardCharsets.UTF_8)).isEqualTo("kv@127.0.0.1:1@m");
                    first = ByteBuffer.wrap(sub.recv()).getLong();
                    sub.recv();
                }
            }
            assertThat(first).as("the subscription reached the publisher").isNotNegative();
            while (sub.recv() != null) {
                // drain the probes still queued
            }
            long start = publisher.nextSequence();
            for (int i = 0; i < 2_000; i++) {
                publisher.publish(i, BATCH);
            }
            sub.setReceiveTimeOut(5_000);
            for (long expected = start; expected < start + 2_000; expected++) {
                assertThat(sub.recv()).isNotNull();
                assertThat(ByteBuffer.wrap(sub.recv()).getLong()).isEqualTo(expected);
                assertThat(sub.hasReceiveMore()).isTrue();
                sub.recv();
            }
        }
    }

    @Test
    void anAddressThatCannotBeBoundIsAClearError() {
        try (KvEventPublisher first = new KvEventPublisher(KvEventsEndpoint.parse("bind:tcp://127.0.0.1:*"),
                "t", nanos -> 0)) {
            String taken = first.endpoint();
            assertThatThrownBy(() -> new KvEventPublisher(new KvEventsEndpoint(true, taken), "t", nanos -> 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kv-events");
        }
    }
}
