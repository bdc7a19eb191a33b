package dev.sextant.core.flowcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowControllerTest {
    /** A detector whose answer the test sets. */
    static final class SettableDetector implements SaturationDetector {
        final AtomicReference<Double> value = new AtomicReference<>(0.0);

        @Override
        public double saturation(List<EndpointSnapshot> candidates) {
            return value.get();
        }

        @Override
        public String type() {
            return "settable";
        }

        @Override
        public String name() {
            return "settable";
        }
    }

    private final SettableDetector detector = new SettableDetector();
    private FlowController controller;

    private FlowController controller(long maxRequests) {
        controller = new FlowController(FlowQueuesProperties.settings(false, false, maxRequests, Long.MAX_VALUE),
                detector, Clock.system(), FlowControlObserver.NOOP, Executors.newVirtualThreadPerTaskExecutor(),
                Duration.ofMillis(5).toNanos());
        return controller;
    }

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    private static InferenceRequest request(String id, int priority) {
        return InferenceRequest.builder(id).model("m").priority(priority).build();
    }

    private static FlowOutcome await(FlowController.Ticket t) throws Exception {
        return t.outcome().get(10, TimeUnit.SECONDS);
    }

    @Test
    void dispatchesAtOnceWhenThereIsRoom() throws Exception {
        assertThat(await(controller(10).submit(request("a", 0), 10, 0, List::of)))
                .isInstanceOf(FlowOutcome.Dispatched.class);
    }

    @Test
    void holdsRequestsWhileSaturatedAndReleasesHighestPriorityFirst() throws Exception {
        controller(100);
        detector.value.set(1.5);
        var low = controller.submit(request("low", -1), 10, 0, List::of);
        var normal = controller.submit(request("normal", 0), 10, 0, List::of);
        var high = controller.submit(request("high", 10), 10, 0, List::of);
        Thread.sleep(50);
        assertThat(low.outcome()).isNotDone();
        assertThat(high.outcome()).isNotDone();
        CompletableFuture<String> firstDone = CompletableFuture.anyOf(
                low.outcome().thenApply(o -> "low"), normal.outcome().thenApply(o -> "normal"),
                high.outcome().thenApply(o -> "high")).thenApply(String::valueOf);
        // Room for exactly one: the detector reports saturation again as soon as one is dispatched.
        detector.value.set(0.5);
        controller.wake();
        assertThat(firstDone.get(10, TimeUnit.SECONDS)).isIn("high", "normal", "low");
        assertThat(await(high)).isInstanceOf(FlowOutcome.Dispatched.class);
        assertThat(await(normal)).isInstanceOf(FlowOutcome.Dispatched.class);
        assertThat(await(low)).isInstanceOf(FlowOutcome.Dispatched.class);
        assertThat(controller.stats().requests()).isZero();
    }

    @Test
    void strictPriorityWhenCapacityFreesOneAtATime() throws Exception {
        java.util.concurrent.atomic.AtomicInteger permits = new java.util.concurrent.atomic.AtomicInteger();
        SaturationDetector gate = new SaturationDetector() {
            @Override
            public double saturation(List<EndpointSnapshot> c) {
                return permits.getAndUpdate(p -> Math.max(0, p - 1)) > 0 ? 0.0 : 2.0;
            }

            @Override
            public String type() {
                return "gate";
            }

            @Override
            public String name() {
                return "gate";
            }
        };
        controller = new FlowController(FlowQueuesProperties.settings(false, false, 100, Long.MAX_VALUE), gate,
                Clock.system(), FlowControlObserver.NOOP, Executors.newVirtualThreadPerTaskExecutor(), 1_000_000);
        var low = controller.submit(request("low", 0), 1, 0, List::of);
        var high = controller.submit(request("high", 5), 1, 0, List::of);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (controller.stats().requests() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        permits.set(1);
        controller.wake();
        assertThat(await(high)).isInstanceOf(FlowOutcome.Dispatched.class);
        Thread.sleep(30);
        assertThat(low.outcome()).as("the lower band waits for the next free slot").isNotDone();
        permits.set(1);
        controller.wake();
        assertThat(await(low)).isInstanceOf(FlowOutcome.Dispatched.class);
    }

    @Test
    void capacityRejectsWith429AndTtlExpiresWith503() throws Exception {
        controller(1);
        detector.value.set(1.0);
        var held = controller.submit(request("held", 0), 1, Duration.ofMillis(100).toNanos(), List::of);
        var refused = controller.submit(request("refused", 0), 1, 0, List::of);
        assertThat(await(refused)).isInstanceOfSatisfying(FlowOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(FlowOutcome.Reason.CAPACITY);
            assertThat(r.reason().code().httpStatus()).isEqualTo(429);
        });
        assertThat(await(held)).isInstanceOfSatisfying(FlowOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(FlowOutcome.Reason.TTL_EXPIRED);
            assertThat(r.reason().code().httpStatus()).isEqualTo(503);
        });
        assertThat(controller.stats().requests()).isZero();
    }

    @Test
    void aCancelledRequestLeavesTheQueueAtOnce() throws Exception {
        controller(10);
        detector.value.set(1.0);
        var t = controller.submit(request("bye", 0), 100, 0, List::of);
        t.cancel();
        assertThat(await(t)).isInstanceOfSatisfying(FlowOutcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(FlowOutcome.Reason.CLIENT_GONE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (controller.stats().requests() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(controller.stats().bytes()).isZero();
    }

    @Test
    void closingTurnsAwayWhatWaits() throws Exception {
        controller(10);
        detector.value.set(1.0);
        var t = controller.submit(request("late", 0), 1, 0, List::of);
        Thread.sleep(20);
        controller.close();
        assertThat(await(t)).isInstanceOfSatisfying(FlowOutcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(FlowOutcome.Reason.SHUTDOWN));
    }

    @Test
    void manualModeRunsOnTheCallersThreadInTheCallersTime() {
        dev.sextant.api.time.ManualClock clock = new dev.sextant.api.time.ManualClock();
        controller = FlowController.manual(FlowQueuesProperties.settings(false, false, 100, Long.MAX_VALUE), detector,
                clock, FlowControlObserver.NOOP, Duration.ofMillis(5).toNanos());
        detector.value.set(1.5);
        var low = controller.submit(request("low", -1), 10, Duration.ofSeconds(1).toNanos(), List::of);
        var high = controller.submit(request("high", 10), 10, 0, List::of);
        assertThat(controller.nextDueNanos()).as("nothing queued before the pump").isEqualTo(Long.MAX_VALUE);
        controller.pump();
        assertThat(high.outcome()).isNotDone();
        assertThat(controller.stats().requests()).isEqualTo(2);
        assertThat(controller.nextDueNanos()).isEqualTo(clock.nanos() + Duration.ofMillis(5).toNanos());

        detector.value.set(0.5);
        controller.pump();
        assertThat(high.outcome()).isCompletedWithValueMatching(o -> o instanceof FlowOutcome.Dispatched);
        assertThat(low.outcome()).as("dispatched in the same pump, after the higher band")
                .isCompletedWithValueMatching(o -> o instanceof FlowOutcome.Dispatched);

        detector.value.set(1.5);
        var late = controller.submit(request("late", 0), 10, Duration.ofSeconds(1).toNanos(), List::of);
        controller.pump();
        clock.advance(Duration.ofSeconds(2));
        controller.pump();
        assertThat(late.outcome()).isCompletedWithValueMatching(o -> o instanceof FlowOutcome.Rejected r
                && r.reason() == FlowOutcome.Reason.TTL_EXPIRED);
        assertThat(controller.stats().requests()).isZero();
    }
}
