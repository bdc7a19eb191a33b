package dev.sextant.plugins;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.endpoint.LoraState;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.ScoredCandidates;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A list-backed {@link Candidates} and {@link ScoredCandidates} for plugin tests. */
public final class TestCandidates implements Candidates, ScoredCandidates {
    private final List<EndpointSnapshot> items;
    private final double[] totals;
    private final BitSet dropped = new BitSet();

    public TestCandidates(List<EndpointSnapshot> items) {
        this(items, new double[items.size()]);
    }

    public TestCandidates(List<EndpointSnapshot> items, double[] totals) {
        this.items = List.copyOf(items);
        this.totals = totals.clone();
    }

    /** Endpoints 10.0.0.{i+1}:8000 with the given waiting-queue sizes. */
    public static List<EndpointSnapshot> withQueues(int... waiting) {
        List<EndpointSnapshot> out = new ArrayList<>();
        for (int i = 0; i < waiting.length; i++) {
            out.add(snapshot(i, EndpointMetrics.builder().waitingQueueSize(waiting[i]).updatedAtNanos(0).build()));
        }
        return out;
    }

    /** Endpoint 10.0.0.{index+1}:8000 with the given metrics and no labels. */
    public static EndpointSnapshot snapshot(int index, EndpointMetrics metrics) {
        return EndpointSnapshot.of(Endpoint.of("10.0.0." + (index + 1) + ":8000"), metrics);
    }

    /** Endpoint 10.0.0.{index+1}:8000 with labels. */
    public static EndpointSnapshot labelled(int index, Map<String, String> labels) {
        return EndpointSnapshot.of(Endpoint.of("10.0.0." + (index + 1) + ":8000").withLabels(labels));
    }

    /** Metrics with an adapter state. */
    public static EndpointMetrics lora(Set<String> running, Set<String> waiting, int max) {
        return EndpointMetrics.builder().lora(new LoraState(running, waiting, max)).updatedAtNanos(0).build();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public EndpointSnapshot get(int index) {
        return items.get(index);
    }

    @Override
    public void drop(int index) {
        dropped.set(index);
    }

    @Override
    public boolean isDropped(int index) {
        return dropped.get(index);
    }

    @Override
    public double score(int index) {
        return totals[index];
    }

    /** The candidates not dropped, in order. */
    public List<EndpointSnapshot> kept() {
        List<EndpointSnapshot> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!dropped.get(i)) {
                out.add(items.get(i));
            }
        }
        return out;
    }
}
