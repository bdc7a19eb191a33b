package dev.sextant.simulator.kvevents;

import static java.util.Objects.requireNonNull;

import dev.sextant.simulator.engine.KvEvent;
import dev.sextant.simulator.engine.KvEventSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Publishes a replica's KV events on a ZeroMQ PUB socket exactly as vLLM does: per batch one
 * message of three frames, the topic ({@code kv@<ip>:<port>@<model>}), an 8-byte big-endian
 * sequence number starting at 0, and the msgpack payload of {@link KvEventEncoder}.
 *
 * <p>Publishing never blocks: a PUB socket drops messages for subscribers that are too slow (the
 * sequence number lets them notice). Not thread-safe: called on the thread that drives the engine,
 * and closed there or after it stopped.
 */
public final class KvEventPublisher implements KvEventSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KvEventPublisher.class.getName());

    private final byte[] topic;
    private final LongToDoubleFunction epochSeconds;
    private final ZMQ.Socket socket;
    private final String boundEndpoint;
    private long sequence;
    private boolean closed;

    /**
     * Opens the socket (binding or connecting).
     *
     * @param endpoint where to publish
     * @param topic the topic frame, {@code kv@<ip>:<port>@<model>}
     * @param epochSeconds converts engine nanoseconds to Unix seconds for the batch timestamp
     * @throws IllegalArgumentException when the address cannot be bound or connected
     */
    public KvEventPublisher(KvEventsEndpoint endpoint, String topic, LongToDoubleFunction epochSeconds) {
        requireNonNull(endpoint, "endpoint");
        this.topic = requireNonNull(topic, "topic").getBytes(StandardCharsets.UTF_8);
        this.epochSeconds = requireNonNull(epochSeconds, "epochSeconds");
        ZMQ.Socket s = SharedZContext.acquire().createSocket(SocketType.PUB);
        try {
            s.setLinger(200);
            s.setSndHWM(100_000);
            if (endpoint.bind()) {
                if (!s.bind(endpoint.address())) {
                    throw new IllegalArgumentException("kv-events: cannot bind " + endpoint.address());
                }
            } else if (!s.connect(endpoint.address())) {
                throw new IllegalArgumentException("kv-events: cannot connect to " + endpoint.address());
            }
        } catch (RuntimeException e) {
            s.close();
            SharedZContext.release();
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("kv-events: " + endpoint + ": " + e.getMessage(), e);
        }
        this.socket = s;
        this.boundEndpoint = endpoint.bind() ? s.getLastEndpoint() : endpoint.address();
        LOG.log(System.Logger.Level.DEBUG, "kv events publishing endpoint={0} topic={1}", boundEndpoint, topic);
    }

    /** The address subscribers use: the actual bound address (with its port), or the connected one. */
    public String endpoint() {
        return boundEndpoint;
    }

    /** The sequence number the next batch will carry. */
    public long nextSequence() {
        return sequence;
    }

    @Override
    public void publish(long nanos, List<KvEvent> events) {
        if (closed || events.isEmpty()) {
            return;
        }
        byte[] payload = KvEventEncoder.encode(epochSeconds.applyAsDouble(nanos), events, 0);
        // A fresh array per message: JeroMQ sends frames later from its I/O thread without copying them.
        byte[] sequenceFrame = ByteBuffer.allocate(8).putLong(sequence++).array();
        socket.send(topic, ZMQ.SNDMORE | ZMQ.DONTWAIT);
        socket.send(sequenceFrame, ZMQ.SNDMORE | ZMQ.DONTWAIT);
        socket.send(payload, ZMQ.DONTWAIT);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        SharedZContext.release();
    }
}
