package dev.sextant.core.datalayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.datalayer.PollingDataSource;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataLayerTest {
    private final ManualClock clock = new ManualClock();
    private final VirtualTimer timer = new VirtualTimer(clock);
    private final Endpoint a = Endpoint.of("10.0.0.1:8000");
    private final Endpoint b = Endpoint.of("10.0.0.2:8000");

    /** Returns the configured queue length per endpoint, or throws for endpoints set to fail. */
    static class FakeSource implements PollingDataSource<Integer> {
        final Map<EndpointId, Integer> queues = new ConcurrentHashMap<>();
        final Map<EndpointId, String> failing = new ConcurrentHashMap<>();
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public Class<Integer> outputType() {
            return Integer.class;
        }

        @Override
        public Integer poll(Endpoint endpoint) throws Exception {
            polls.incrementAndGet();
            String error = failing.get(endpoint.id());
            if (error != null) {
                throw new java.io.IOException(error);
            }
            return queues.getOrDefault(endpoint.id(), 0);
        }

        @Override
        public String type() {
            return "fake-source";
        }

        @Override
        public String name() {
            return "fake";
        }
    }

    /** Writes the polled integer into the waiting queue; negative values are garbage. */
    static final class QueueExtractor implements Extractor<Integer> {
        @Override
        public Class<Integer> inputType() {
            return Integer.class;
        }

        @Override
        public void extract(Integer data, EndpointUpdate update) {
            if (data == Integer.MIN_VALUE) {
                update.missing(EndpointMetrics.WAITING_QUEUE_SIZE, "queue: absent");
                update.missing(EndpointMetrics.KV_CACHE_USAGE, "usage: absent");
                return;
            }
            update.metrics().waitingQueueSize(data);
        }

        @Override
        public String type() {
            return "fake-extractor";
        }

        @Override
        public String name() {
            return "queue";
        }
    }

    private final FakeSource source = new FakeSource();
    private final EndpointStore store = new EndpointStore();
    private final DataLayerOptions options = new DataLayerOptions(Duration.ofMillis(50), Duration.ofSeconds(1), 3,
            Duration.ofMillis(800), Duration.ofSeconds(2));
    private final DataLayer layer = new DataLayer(store, List.of(new SourceBinding(source, List.of(new QueueExtractor()))),
            options, clock, timer, Runnable::run, DataLayerObserver.NOOP);

    @Test
    void endpointSetListenersHearAdditionsAndRemovalsIncludingEndpointsKnownBefore() {
        List<String> heard = new java.util.ArrayList<>();
        layer.onEndpoints(List.of(a));
        layer.addEndpointSetListener(new dev.sextant.api.datalayer.EndpointSetListener() {
            @Override
            public void endpointAdded(dev.sextant.api.endpoint.Endpoint endpoint) {
                heard.add("+" + endpoint.id());
            }

            @Override
            public void endpointRemoved(dev.sextant.api.endpoint.EndpointId id) {
                heard.add("-" + id);
            }
        });
        layer.onEndpoints(List.of(a, b));
        layer.onEndpoints(List.of(b));
        layer.onEndpoints(List.of(b));
        assertThat(heard).containsExactly("+" + a.id(), "+" + b.id(), "-" + a.id());
    }

    @Test
    void pollsEveryIntervalAndPublishesMetrics() {
        source.queues.put(a.id(), 7);
        layer.onEndpoints(List.of(a, b));
        timer.advance(Duration.ofMillis(1));
        assertThat(store.state(a.id()).snapshot().metrics().waitingQueueSize()).isEqualTo(7);
        assertThat(store.state(a.id()).health()).isEqualTo(Health.HEALTHY);
        assertThat(store.state(a.id()).snapshot().metrics().updatedAtNanos()).isEqualTo(0);
        source.queues.put(a.id(), 2);
        timer.advance(Duration.ofMillis(50));
        assertThat(store.state(a.id()).snapshot().metrics().waitingQueueSize()).isEqualTo(2);
        assertThat(store.state(a.id()).snapshot().metrics().updatedAtNanos()).isEqualTo(50_000_000L);
        int before = source.polls.get();
        timer.advance(Duration.ofMillis(500));
        assertThat(source.polls.get() - before).isEqualTo(20);
    }

    @Test
    void repeatedFailuresMakeAnEndpointUnhealthyAndBackOffUntilItRecovers() {
        layer.onEndpoints(List.of(a, b));
        source.failing.put(a.id(), "connection refused");
        timer.advance(Duration.ofMillis(90));
        assertThat(store.state(a.id()).health()).as("two failures (at 0 and 50 ms)").isEqualTo(Health.UNKNOWN);
        timer.advance(Duration.ofMillis(20));
        assertThat(store.state(a.id()).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(store.state(a.id()).lastError()).isEqualTo("connection refused");
        assertThat(store.view().eligible()).extracting(s -> s.id()).containsExactly(b.id());

        int before = source.polls.get();
        timer.advance(Duration.ofSeconds(4));
        int attemptsOnA = source.polls.get() - before - 80; // b polls 80 times in 4 s
        assertThat(attemptsOnA).as("backed off: 100, 200, 400, then 800 ms apart").isBetween(6, 8);

        source.failing.remove(a.id());
        timer.advance(Duration.ofMillis(800));
        assertThat(store.state(a.id()).health()).isEqualTo(Health.HEALTHY);
        assertThat(store.view().eligible()).hasSize(2);
    }

    @Test
    void garbageDataFailsThePollWithoutCrashing() {
        source.queues.put(a.id(), -5);
        layer.onEndpoints(List.of(a));
        timer.advance(Duration.ofMillis(200));
        assertThat(store.state(a.id()).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(store.state(a.id()).lastError()).contains("waitingQueueSize: -5");
    }

    @Test
    void aPageWithoutAnyLoadMetricIsAFailedPollNotFreshData() {
        source.queues.put(a.id(), Integer.MIN_VALUE);
        layer.onEndpoints(List.of(a));
        timer.advance(Duration.ofMillis(200));
        assertThat(store.state(a.id()).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(store.state(a.id()).lastError()).isEqualTo("no usable load metrics: queue: absent; usage: absent");
    }

    @Test
    void removedEndpointsStopBeingPolled() {
        layer.onEndpoints(List.of(a, b));
        timer.advance(Duration.ofMillis(1));
        layer.onEndpoints(List.of(b));
        int before = source.polls.get();
        timer.advance(Duration.ofMillis(500));
        assertThat(source.polls.get() - before).isEqualTo(10);
        layer.close();
        before = source.polls.get();
        timer.advance(Duration.ofMillis(500));
        assertThat(source.polls.get()).isEqualTo(before);
    }

    @Test
    void aPollThatHangsIsFailedByTheWatchdogAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        PollingDataSource<Integer> hanging = new FakeSource() {
            @Override
            public Integer poll(Endpoint endpoint) throws Exception {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return 0;
            }
        };
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try (ScheduledTimerService realTimer = new ScheduledTimerService("test-timer")) {
            DataLayer real = new DataLayer(new EndpointStore(), List.of(new SourceBinding(hanging, List.of())),
                    new DataLayerOptions(Duration.ofMillis(50), Duration.ofMillis(100), 1, Duration.ofSeconds(1),
                            Duration.ofSeconds(2)),
                    dev.sextant.api.time.Clock.system(), realTimer, executor, DataLayerObserver.NOOP);
            real.onEndpoints(List.of(a));
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (real.store().state(a.id()).health() != Health.UNHEALTHY && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(real.store().state(a.id()).health()).isEqualTo(Health.UNHEALTHY);
            assertThat(real.store().state(a.id()).lastError()).contains("no answer within 100 ms");
            real.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
