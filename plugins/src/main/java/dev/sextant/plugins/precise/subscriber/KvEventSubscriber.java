package dev.sextant.plugins.precise.subscriber;

import static java.util.Objects.requireNonNull;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.precise.events.KvEventBatch;
import dev.sextant.plugins.precise.events.KvEventDecodeException;
import dev.sextant.plugins.precise.events.KvEventDecoder;
import dev.sextant.plugins.precise.events.KvEventTopic;
import dev.sextant.plugins.precise.index.KvBlockIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Receives vLLM KV-event messages over ZeroMQ and applies them to a {@link KvBlockIndex}.
 *
 * <p>Connect mode (default): one SUB socket per endpoint, to {@code tcp://<endpoint ip>:<socketPort>}.
 * Bind mode: one SUB socket bound at {@code bindAddress}; the engines connect and their topic
 * ({@code kv@<ip:port>@<model>}) says which endpoint a message is from. Each message must have three
 * frames: topic, 8-byte big-endian sequence, msgpack payload. A sequence that does not follow the last
 * one is a gap (the index drops that endpoint's entries); a message with bad framing or payload is
 * counted and skipped (its sequence still counts, so it is not also reported as a gap).
 *
 * <p>One platform thread, started with the first endpoint, owns the ZeroMQ context and every socket;
 * other threads talk to it through a queue. {@link #close()} stops it.
 */
public final class KvEventSubscriber implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KvEventSubscriber.class.getName());
    private static final long IDLE_SLEEP_MILLIS = 2;
    private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final KvBlockIndex index;
    private final SubscriberSettings settings;
    private final Clock clock;
    private final Function<EndpointId, String> addressOf;
    private final StallWatchdog watchdog;
    private final Map<EndpointId, EndpointFeed> feeds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private volatile long unattributed;
    private Thread thread;
    private volatile boolean closed;
    // Owned by the subscriber thread:
    private ZContext context;
    private ZMQ.Socket boundSocket;
    private long boundSocketCreatedNanos;
    private long lastHousekeepingNanos;

    /**
     * @param addressOf the ZeroMQ address of an endpoint's publisher in connect mode; null for
     *     {@code tcp://<ip>:<socketPort>}
     */
    public KvEventSubscriber(KvBlockIndex index, SubscriberSettings settings, Clock clock,
            Function<EndpointId, String> addressOf) {
        this.index = requireNonNull(index, "index");
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.addressOf = addressOf != null ? addressOf : id -> "tcp://" + id.host() + ":" + settings.socketPort();
        this.watchdog = new StallWatchdog(settings.stallTimeout().toNanos());
    }

    /** Starts following {@code endpoint}'s events (idempotent). */
    public void addEndpoint(EndpointId endpoint) {
        requireNonNull(endpoint, "endpoint");
        if (closed) {
            return;
        }
        index.addEndpoint(endpoint);
        EndpointFeed feed = new EndpointFeed(endpoint, settings.bindMode() ? settings.bindAddress()
                : addressOf.apply(endpoint));
        if (feeds.putIfAbsent(endpoint, feed) == null) {
            if (!settings.bindMode()) {
                commands.add(() -> openSocket(feed));
            }
            startOnce();
        }
    }

    /** Stops following {@code endpoint} and drops its entries from the index. */
    public void removeEndpoint(EndpointId endpoint) {
        EndpointFeed feed = feeds.remove(endpoint);
        index.removeEndpoint(endpoint);
        if (feed != null) {
            commands.add(() -> closeSocket(feed));
        }
    }

    /**
     * Tells the watchdog that a request which should make {@code endpoint} publish events (it had uncached
     * full blocks) was just sent there. Cheap; called on request threads.
     */
    public void noteRouted(EndpointId endpoint) {
        EndpointFeed feed = feeds.get(endpoint);
        if (feed == null) {
            return;
        }
        feed.unansweredSinceNanos.compareAndSet(EndpointFeed.NONE, clock.nanos());
    }

    /** Per-endpoint counters, sorted by endpoint. */
    public List<SubscriberStatus> status() {
        long now = clock.nanos();
        List<SubscriberStatus> out = new ArrayList<>();
        for (EndpointFeed feed : feeds.values()) {
            out.add(feed.status(now));
        }
        out.sort((a, b) -> a.endpoint().compareTo(b.endpoint()));
        return out;
    }

    /** Messages that named no known endpoint (bind mode) or could not be attributed. */
    public long unattributedMessages() {
        return unattributed;
    }

    private synchronized void startOnce() {
        if (thread != null || closed) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("sextant-kv-events").start(this::run);
    }

    private void run() {
        context = new ZContext(1);
        try {
            if (settings.bindMode()) {
                openBoundSocket();
            }
            while (!closed) {
                Runnable command;
                while ((command = commands.poll()) != null) {
                    command.run();
                }
                boolean received = settings.bindMode() ? drainBound() : drainFeeds();
                long now = clock.nanos();
                if (now - lastHousekeepingNanos >= HOUSEKEEPING_NANOS) {
                    lastHousekeepingNanos = now;
                    housekeeping(now);
                }
                if (!received) {
                    Thread.sleep(IDLE_SLEEP_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "kv event subscriber stopped: {0}", e.toString());
        } finally {
            context.close();
        }
    }

    private boolean drainFeeds() {
        boolean any = false;
        for (EndpointFeed feed : feeds.values()) {
            if (feed.socket == null) {
                continue;
            }
            List<byte[]> frames;
            for (int n = 0; n < 256 && (frames = receive(feed.socket)) != null; n++) {
                any = true;
                handle(feed, frames, KvEventTopic.parse(new String(frames.getFirst(), StandardCharsets.UTF_8)));
            }
        }
        return any;
    }

    private boolean drainBound() {
        if (boundSocket == null) {
            return false;
        }
        boolean any = false;
        List<byte[]> frames;
        for (int n = 0; n < 1024 && (frames = receive(boundSocket)) != null; n++) {
            any = true;
            KvEventTopic topic = KvEventTopic.parse(new String(frames.getFirst(), StandardCharsets.UTF_8));
            EndpointFeed feed = topic.endpoint().map(feeds::get).orElse(null);
            if (feed == null) {
                unattributed++;
                continue;
            }
            handle(feed, frames, topic);
        }
        return any;
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(3);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return frames;
    }

    private void handle(EndpointFeed feed, List<byte[]> frames, KvEventTopic topic) {
        long now = clock.nanos();
        feed.lastMessageNanos = now;
        feed.unansweredSinceNanos.set(EndpointFeed.NONE);
        feed.messages++;
        if (frames.size() != 3 || frames.get(1).length != 8) {
            feed.malformed++;
            return;
        }
        long sequence = ByteBuffer.wrap(frames.get(1)).getLong();
        String model = topic.model().isEmpty() ? settings.defaultModel() : topic.model();
        KvEventBatch batch;
        try {
            batch = KvEventDecoder.decode(frames.get(2));
        } catch (KvEventDecodeException e) {
            feed.malformed++;
            index.apply(feed.endpoint, model, sequence, List.of());
            return;
        }
        feed.skippedEvents += batch.skippedEvents();
        if (!Double.isNaN(batch.timestampSeconds())) {
            feed.lastLagMillis = Math.max(0, clock.epochMillis() - (long) (batch.timestampSeconds() * 1000));
        }
        if (index.apply(feed.endpoint, model, sequence, batch.events())) {
            feed.gaps++;
        }
    }

    private void housekeeping(long now) {
        index.expireSpeculations();
        if (settings.bindMode()) {
            if (boundSocket == null) {
                openBoundSocket();
                return;
            }
            // The one bound socket serves every engine: replacing it cuts them all off for a moment, so only
            // engines that never delivered (JeroMQ's failure mode on fresh connections) justify it.
            boolean stalled = false;
            for (EndpointFeed feed : feeds.values()) {
                feed.socketCreatedNanos = boundSocketCreatedNanos;
                stalled |= feed.messages == 0 && watchdog.isStalled(feed, now);
            }
            if (stalled) {
                context.destroySocket(boundSocket);
                openBoundSocket();
                for (EndpointFeed feed : feeds.values()) {
                    if (feed.messages == 0 && watchdog.isStalled(feed, now)) {
                        feed.recreations++;
                        feed.unansweredSinceNanos.set(now);
                    }
                }
            }
            return;
        }
        for (EndpointFeed feed : feeds.values()) {
            if (feed.socket != null && watchdog.isStalled(feed, now)) {
                LOG.log(System.Logger.Level.INFO, "kv events: replacing silent SUB socket endpoint={0} address={1}",
                        feed.endpoint, feed.address);
                closeSocket(feed);
                openSocket(feed);
                feed.recreations++;
                feed.unansweredSinceNanos.set(now);
            }
        }
    }

    private void openSocket(EndpointFeed feed) {
        if (feeds.get(feed.endpoint) != feed) {
            return;
        }
        ZMQ.Socket s = context.createSocket(SocketType.SUB);
        s.setLinger(0);
        s.setRcvHWM(100_000);
        s.subscribe(settings.topicFilter().getBytes(StandardCharsets.UTF_8));
        try {
            s.connect(feed.address);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "kv events: cannot connect endpoint={0} address={1}: {2}",
                    feed.endpoint, feed.address, e.toString());
            context.destroySocket(s);
            return;
        }
        feed.socket = s;
        feed.socketCreatedNanos = clock.nanos();
    }

    private void closeSocket(EndpointFeed feed) {
        if (feed.socket != null) {
            context.destroySocket(feed.socket);
            feed.socket = null;
        }
    }

    private void openBoundSocket() {
        ZMQ.Socket s = context.createSocket(SocketType.SUB);
        s.setLinger(0);
        s.setRcvHWM(100_000);
        s.subscribe(settings.topicFilter().getBytes(StandardCharsets.UTF_8));
        try {
            s.bind(settings.bindAddress());
        } catch (RuntimeException e) {
            // The address may still be held by the socket just closed; housekeeping retries.
            LOG.log(System.Logger.Level.WARNING, "kv events: cannot bind {0}: {1}", settings.bindAddress(), e.toString());
            context.destroySocket(s);
            boundSocket = null;
            return;
        }
        boundSocket = s;
        boundSocketCreatedNanos = clock.nanos();
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
