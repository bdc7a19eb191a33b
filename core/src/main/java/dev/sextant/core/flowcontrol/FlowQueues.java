package dev.sextant.core.flowcontrol;

import dev.sextant.api.flowcontrol.FlowView;
import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.flowcontrol.QueuedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The queues of flow control: priority bands (highest first), within a band one queue per flow
 * (fairness id) ordered by the band's ordering policy, and capacity accounting in requests and
 * bytes, globally and per band. Bands and flows exist only while they hold requests.
 *
 * <p>Not thread-safe: owned by the single dispatch thread, so ordering decisions never race.
 */
final class FlowQueues {
    private final FlowControlSettings settings;
    private final NavigableMap<Integer, Band> bands = new TreeMap<>(Comparator.reverseOrder());
    private final Map<Integer, Object> fairnessState = new TreeMap<>();
    private final TreeSet<Waiter> byDeadline = new TreeSet<>(
            Comparator.comparingLong(Waiter::deadlineNanos).thenComparingLong(Waiter::sequence));
    private long requests;
    private long bytes;

    FlowQueues(FlowControlSettings settings) {
        this.settings = settings;
    }

    /** One flow's waiting requests, in its band's order. */
    private static final class Flow implements FlowView {
        final String id;
        final TreeSet<Waiter> queue;

        Flow(String id, OrderingPolicy ordering) {
            this.id = id;
            Comparator<Waiter> order = ordering::compare;
            this.queue = new TreeSet<>(order.thenComparingLong(Waiter::sequence));
        }

        @Override
        public String fairnessId() {
            return id;
        }

        @Override
        public int size() {
            return queue.size();
        }

        @Override
        public QueuedRequest head() {
            return queue.first();
        }
    }

    /** One priority's flows and accounting. */
    private static final class Band {
        final FlowControlSettings.BandSettings settings;
        final TreeMap<String, Flow> flows = new TreeMap<>();
        long requests;
        long bytes;

        Band(FlowControlSettings.BandSettings settings) {
            this.settings = settings;
        }
    }

    /**
     * Queues {@code w} if there is room.
     *
     * @return null when queued, else a sentence saying which limit it hit
     */
    String offer(Waiter w) {
        FlowControlSettings.BandSettings bandSettings = settings.band(w.priority());
        Band band = bands.get(w.priority());
        long bandRequests = band == null ? 0 : band.requests;
        long bandBytes = band == null ? 0 : band.bytes;
        if (requests + 1 > settings.maxRequests()) {
            return "flow control holds " + requests + " requests, its limit";
        }
        if (bytes + w.sizeBytes() > settings.maxBytes()) {
            return "flow control holds " + bytes + " bytes; " + w.sizeBytes() + " more would pass its limit of "
                    + settings.maxBytes();
        }
        if (bandRequests + 1 > bandSettings.maxRequests()) {
            return "priority " + w.priority() + " holds " + bandRequests + " requests, its limit";
        }
        if (bandBytes + w.sizeBytes() > bandSettings.maxBytes()) {
            return "priority " + w.priority() + " holds " + bandBytes + " bytes; " + w.sizeBytes()
                    + " more would pass its limit of " + bandSettings.maxBytes();
        }
        if (band == null) {
            band = new Band(bandSettings);
            bands.put(w.priority(), band);
        }
        band.flows.computeIfAbsent(w.flow(), id -> new Flow(id, bandSettings.ordering())).queue.add(w);
        band.requests++;
        band.bytes += w.sizeBytes();
        requests++;
        bytes += w.sizeBytes();
        if (w.deadlineNanos() != Long.MAX_VALUE) {
            byDeadline.add(w);
        }
        return null;
    }

    /**
     * A request of the highest band, chosen without consulting (or advancing) the fairness policy:
     * what saturation is checked against before anything is taken.
     */
    Waiter probe() {
        if (bands.isEmpty()) {
            return null;
        }
        return bands.firstEntry().getValue().flows.firstEntry().getValue().queue.first();
    }

    /**
     * Takes the request to dispatch next: the highest band, the flow its fairness policy picks, that
     * flow's head. The fairness policy's state advances.
     */
    Waiter poll() {
        if (bands.isEmpty()) {
            return null;
        }
        Map.Entry<Integer, Band> top = bands.firstEntry();
        Band band = top.getValue();
        List<Flow> flows = new ArrayList<>(band.flows.values());
        Object state = fairnessState.computeIfAbsent(top.getKey(), p -> band.settings.fairness().newBandState());
        int chosen = flows.size() == 1 ? 0 : band.settings.fairness().pick(state, flows, band.settings.ordering());
        if (chosen < 0 || chosen >= flows.size()) {
            chosen = 0;
        }
        Waiter next = flows.get(chosen).queue.first();
        remove(next);
        return next;
    }

    /** Takes {@code w} out of the queues; bands and flows left empty are dropped. */
    void remove(Waiter w) {
        Band band = bands.get(w.priority());
        if (band == null) {
            return;
        }
        Flow flow = band.flows.get(w.flow());
        if (flow == null || !flow.queue.remove(w)) {
            return;
        }
        if (flow.queue.isEmpty()) {
            band.flows.remove(w.flow());
        }
        band.requests--;
        band.bytes -= w.sizeBytes();
        if (band.flows.isEmpty()) {
            bands.remove(w.priority());
            fairnessState.remove(w.priority());
        }
        requests--;
        bytes -= w.sizeBytes();
        byDeadline.remove(w);
    }

    /** Removes and returns every request whose deadline is at or before {@code now}. */
    List<Waiter> expire(long now) {
        List<Waiter> out = new ArrayList<>();
        while (!byDeadline.isEmpty() && byDeadline.first().deadlineNanos() <= now) {
            Waiter w = byDeadline.first();
            remove(w);
            out.add(w);
        }
        return out;
    }

    /** The earliest deadline of any queued request, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.first().deadlineNanos();
    }

    /** Removes and returns everything, for shutdown. */
    List<Waiter> drain() {
        List<Waiter> out = new ArrayList<>();
        for (Band band : bands.values()) {
            for (Flow flow : band.flows.values()) {
                out.addAll(flow.queue);
            }
        }
        out.forEach(this::remove);
        return out;
    }

    boolean isEmpty() {
        return requests == 0;
    }

    long requests() {
        return requests;
    }

    long bytes() {
        return bytes;
    }

    /** Requests and bytes queued per priority. */
    Map<Integer, long[]> perBand() {
        Map<Integer, long[]> out = new TreeMap<>(Comparator.reverseOrder());
        bands.forEach((p, b) -> out.put(p, new long[] {b.requests, b.bytes}));
        return out;
    }

    int bandCount() {
        return bands.size();
    }

    int flowCount() {
        int n = 0;
        for (Band b : bands.values()) {
            n += b.flows.size();
        }
        return n;
    }
}
