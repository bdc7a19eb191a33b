package dev.sextant.plugins.precise.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.Clock;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.precise.index.BlockKeys;
import dev.sextant.plugins.precise.index.BlockTable;
import dev.sextant.plugins.precise.index.EndpointIndexStatus;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The subscriber against a hand-driven ZeroMQ publisher: framing, malformed payloads, sequence gaps, the watchdog. */
class KvEventSubscriberTest {
    private static final EndpointId ENDPOINT = EndpointId.parse("127.0.0.1:8000");
    private static final String TOPIC = "kv@127.0.0.1:8000@m";

    private long sequence;

    @Test
    void malformedMessagesAreCountedAndSkippedAndAGapDropsTheEndpointsEntries() throws Exception {
        KvBlockIndex index = new KvBlockIndex(new BlockKeys(2, ""), BlockTable.Kind.ART.create(), 1000, Clock.system());
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            pub.setLinger(0);
            int port = pub.bindToRandomPort("tcp://127.0.0.1");
            SubscriberSettings settings = new SubscriberSettings(5557, "", "kv@", "", Duration.ofMillis(500));
            try (KvEventSubscriber subscriber = new KvEventSubscriber(index, settings, Clock.system(),
                    id -> "tcp://127.0.0.1:" + port)) {
                subscriber.addEndpoint(ENDPOINT);
                // Publish empty batches until one arrives; the watchdog replaces a SUB socket that stays silent.
                await(() -> {
                    send(pub, TOPIC, sequence++, batch(false));
                    subscriber.noteRouted(ENDPOINT);
                    return status(subscriber).messages() > 0;
                });
                long base = status(subscriber).messages();
                long baseMalformed = status(subscriber).malformed();

                send(pub, TOPIC, sequence++, batch(true));                       // one stored block
                send(pub, TOPIC, sequence++, new byte[] {(byte) 0xc1});        // not msgpack
                pub.send("kv@127.0.0.1:8000@m".getBytes(StandardCharsets.UTF_8)); // one frame only
                await(() -> status(subscriber).messages() >= base + 3);

                SubscriberStatus s = status(subscriber);
                assertThat(s.malformed() - baseMalformed).isEqualTo(2);
                assertThat(s.gaps()).isZero();
                assertThat(indexStatus(index).blocks()).isEqualTo(1);

                sequence += 5;                                                  // five batches lost
                send(pub, TOPIC, sequence++, batch(false));
                await(() -> status(subscriber).gaps() == 1);
                assertThat(indexStatus(index).blocks()).isZero();
                assertThat(indexStatus(index).gaps()).isEqualTo(1);
            }
        }
    }

    @Test
    void theWatchdogFiresOnlyForRequestsLeftUnansweredLongerThanTheTimeout() {
        ManualClock clock = new ManualClock();
        StallWatchdog watchdog = new StallWatchdog(1_000);
        EndpointFeed feed = new EndpointFeed(ENDPOINT, "tcp://127.0.0.1:1");
        feed.socketCreatedNanos = clock.nanos();
        clock.advanceNanos(5_000);
        assertThat(watchdog.isStalled(feed, clock.nanos())).as("nothing routed").isFalse();
        feed.unansweredSinceNanos.set(clock.nanos());
        clock.advanceNanos(999);
        assertThat(watchdog.isStalled(feed, clock.nanos())).isFalse();
        clock.advanceNanos(1);
        assertThat(watchdog.isStalled(feed, clock.nanos())).isTrue();
        feed.socketCreatedNanos = clock.nanos();
        assertThat(watchdog.isStalled(feed, clock.nanos())).as("socket just replaced").isFalse();
    }

    private static SubscriberStatus status(KvEventSubscriber subscriber) {
        return subscriber.status().getFirst();
    }

    private static EndpointIndexStatus indexStatus(KvBlockIndex index) {
        return index.status().getFirst();
    }

    private static void send(ZMQ.Socket pub, String topic, long seq, byte[] payload) {
        pub.sendMore(topic.getBytes(StandardCharsets.UTF_8));
        pub.sendMore(ByteBuffer.allocate(8).putLong(seq).array());
        pub.send(payload);
    }

    private static byte[] batch(boolean oneBlock) {
        try {
            return pack(oneBlock);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] pack(boolean oneBlock) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(3).packDouble(1.7e9);
        if (oneBlock) {
            p.packArrayHeader(1).packArrayHeader(7).packString("BlockStored");
            p.packArrayHeader(1).packLong(77).packNil();
            p.packArrayHeader(2).packInt(1).packInt(2);
            p.packInt(2).packNil().packString("GPU");
        } else {
            p.packArrayHeader(0);
        }
        p.packInt(0);
        return p.toByteArray();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not met within 30 s");
    }
}
