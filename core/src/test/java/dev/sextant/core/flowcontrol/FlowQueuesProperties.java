package dev.sextant.core.flowcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.request.InferenceRequest;
import dev.sextant.core.flowcontrol.FlowControlSettings.BandSettings;
import dev.sextant.plugins.flowcontrol.EdfOrderingPolicy;
import dev.sextant.plugins.flowcontrol.FcfsOrderingPolicy;
import dev.sextant.plugins.flowcontrol.GlobalStrictFairnessPolicy;
import dev.sextant.plugins.flowcontrol.RoundRobinFairnessPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The queueing discipline of flow control, over random arrivals, withdrawals and expiries. */
class FlowQueuesProperties {

    record Arrival(int priority, String flow, long ttl, long size) {}

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        return Combinators.combine(Arbitraries.of(-1, 0, 0, 5, 10), Arbitraries.of("a", "b", "c", "d"),
                        Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, 2_000))
                .as(Arrival::new).list().ofMaxSize(200);
    }

    static FlowControlSettings settings(boolean roundRobin, boolean edf, long maxRequests, long maxBytes) {
        BandSettings band = new BandSettings(maxBytes, maxRequests,
                roundRobin ? new RoundRobinFairnessPolicy("rr") : new GlobalStrictFairnessPolicy("gs"),
                edf ? new EdfOrderingPolicy("edf") : new FcfsOrderingPolicy("fcfs"));
        return new FlowControlSettings(Long.MAX_VALUE, Long.MAX_VALUE, Duration.ZERO, band, Map.of());
    }

    static Waiter waiter(Arrival a, long now, long sequence) {
        InferenceRequest r = InferenceRequest.builder("r" + sequence).model("m").priority(a.priority())
                .fairnessId(a.flow()).build();
        Waiter w = new Waiter(r, now, a.ttl(), a.size(), sequence, List::of);
        return w;
    }

    @Property
    void everythingQueuedComesOutExactlyOnceInPriorityOrder(@ForAll("arrivals") List<Arrival> arrivals,
            @ForAll boolean roundRobin, @ForAll boolean edf) {
        FlowQueues q = new FlowQueues(settings(roundRobin, edf, Long.MAX_VALUE, Long.MAX_VALUE));
        Set<Waiter> in = new HashSet<>();
        for (int i = 0; i < arrivals.size(); i++) {
            Waiter w = waiter(arrivals.get(i), 0, i);
            assertThat(q.offer(w)).isNull();
            in.add(w);
        }
        List<Waiter> out = new ArrayList<>();
        int lastPriority = Integer.MAX_VALUE;
        for (Waiter w; (w = q.poll()) != null; ) {
            assertThat(w.priority()).as("strict priority").isLessThanOrEqualTo(lastPriority);
            lastPriority = w.priority();
            out.add(w);
        }
        assertThat(out).hasSameSizeAs(in).containsExactlyInAnyOrderElementsOf(in);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.bandCount()).as("empty bands are dropped").isZero();
        assertThat(q.bytes()).isZero();
    }

    @Property
    void withinAFlowTheOrderingPolicyHolds(@ForAll("arrivals") List<Arrival> arrivals, @ForAll boolean roundRobin,
            @ForAll boolean edf) {
        FlowQueues q = new FlowQueues(settings(roundRobin, edf, Long.MAX_VALUE, Long.MAX_VALUE));
        for (int i = 0; i < arrivals.size(); i++) {
            q.offer(waiter(arrivals.get(i), i, i));
        }
        Map<String, Waiter> lastByFlow = new HashMap<>();
        for (Waiter w; (w = q.poll()) != null; ) {
            Waiter previous = lastByFlow.put(w.priority() + "/" + w.flow(), w);
            if (previous != null) {
                if (edf) {
                    assertThat(previous.deadlineNanos() < w.deadlineNanos()
                            || previous.deadlineNanos() == w.deadlineNanos() && previous.sequence() < w.sequence()).isTrue();
                } else {
                    assertThat(previous.sequence()).isLessThan(w.sequence());
                }
            }
        }
    }

    @Property
    void roundRobinGivesEveryWaitingFlowATurn(@ForAll @IntRange(min = 2, max = 6) int flows,
            @ForAll @IntRange(min = 1, max = 20) int perFlow) {
        FlowQueues q = new FlowQueues(settings(true, false, Long.MAX_VALUE, Long.MAX_VALUE));
        long seq = 0;
        for (int f = 0; f < flows; f++) {
            for (int i = 0; i < perFlow * (f + 1); i++) {
                q.offer(waiter(new Arrival(0, "flow-" + f, 0, 1), 0, seq++));
            }
        }
        // While every flow still has requests, each window of `flows` dispatches serves each flow once.
        for (int round = 0; round < perFlow; round++) {
            Set<String> served = new HashSet<>();
            for (int i = 0; i < flows; i++) {
                served.add(q.poll().flow());
            }
            assertThat(served).hasSize(flows);
        }
    }

    @Property
    void capacityIsNeverExceeded(@ForAll("arrivals") List<Arrival> arrivals,
            @ForAll @IntRange(min = 1, max = 50) int maxRequests, @ForAll @IntRange(min = 1, max = 20_000) int maxBytes) {
        FlowQueues q = new FlowQueues(settings(false, false, maxRequests, maxBytes));
        for (int i = 0; i < arrivals.size(); i++) {
            Waiter w = waiter(arrivals.get(i), 0, i);
            Map<Integer, long[]> before = q.perBand();
            String refused = q.offer(w);
            long[] band = before.getOrDefault(w.priority(), new long[2]);
            boolean fits = band[0] + 1 <= maxRequests && band[1] + w.sizeBytes() <= maxBytes;
            assertThat(refused == null).isEqualTo(fits);
            q.perBand().values().forEach(b -> {
                assertThat(b[0]).isLessThanOrEqualTo(maxRequests);
                assertThat(b[1]).isLessThanOrEqualTo(maxBytes);
            });
        }
    }

    @Property
    void withdrawalsAndExpiriesLoseNothingElse(@ForAll("arrivals") List<Arrival> arrivals, @ForAll long seed) {
        FlowQueues q = new FlowQueues(settings(true, true, Long.MAX_VALUE, Long.MAX_VALUE));
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Waiter> queued = new ArrayList<>();
        Set<Waiter> accounted = new HashSet<>();
        for (int i = 0; i < arrivals.size(); i++) {
            Waiter w = waiter(arrivals.get(i), i, i);
            q.offer(w);
            queued.add(w);
            if (random.nextInt(4) == 0 && !queued.isEmpty()) {
                Waiter gone = queued.remove(random.nextInt(queued.size()));
                if (!accounted.contains(gone)) {
                    q.remove(gone);
                    accounted.add(gone);
                }
            }
            for (Waiter expired : q.expire(i)) {
                assertThat(expired.deadlineNanos()).isLessThanOrEqualTo(i);
                assertThat(accounted.add(expired)).as("expired once").isTrue();
            }
        }
        for (Waiter w; (w = q.poll()) != null; ) {
            assertThat(accounted.add(w)).as("dispatched once, never after removal or expiry").isTrue();
        }
        assertThat(accounted).hasSize(arrivals.size());
    }
}
