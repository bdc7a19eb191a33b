package dev.sextant.core.scheduling;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.ScoredCandidates;
import java.util.Arrays;
import java.util.List;

/**
 * Reusable working memory for one profile run: the candidates still in the running, drop marks,
 * one scorer's raw scores and the weighted totals. Grows to the largest candidate set seen and is
 * then reused, so a cycle allocates nothing here. Used by one thread at a time (see {@link ScratchPool}).
 */
final class CandidateScratch implements Candidates, ScoredCandidates {
    private EndpointSnapshot[] items = new EndpointSnapshot[16];
    private boolean[] dropped = new boolean[16];
    private double[] scores = new double[16];
    private double[] totals = new double[16];
    private int size;

    /** Loads {@code candidates}, clearing marks and totals. */
    void load(List<EndpointSnapshot> candidates) {
        int n = candidates.size();
        if (n > items.length) {
            int capacity = Math.max(n, items.length * 2);
            items = new EndpointSnapshot[capacity];
            dropped = new boolean[capacity];
            scores = new double[capacity];
            totals = new double[capacity];
        }
        for (int i = 0; i < n; i++) {
            items[i] = candidates.get(i);
        }
        Arrays.fill(dropped, 0, n, false);
        Arrays.fill(totals, 0, n, 0.0);
        size = n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public EndpointSnapshot get(int index) {
        return items[index];
    }

    @Override
    public void drop(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0.." + (size - 1) + ")");
        }
        dropped[index] = true;
    }

    @Override
    public boolean isDropped(int index) {
        return dropped[index];
    }

    /** Removes dropped candidates, keeping order, and clears the marks. */
    void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!dropped[i]) {
                items[kept++] = items[i];
            }
            dropped[i] = false;
        }
        Arrays.fill(items, kept, size, null);
        size = kept;
    }

    /** Forgets the drop marks of a filter that failed, so it has no effect. */
    void clearDrops() {
        Arrays.fill(dropped, 0, size, false);
    }

    /** The array a scorer writes into, zeroed over the current size. */
    double[] scoresForScorer() {
        Arrays.fill(scores, 0, size, 0.0);
        return scores;
    }

    /** Adds the last scorer's scores, clamped to [0,1] (NaN as 0), times {@code weight}. */
    void accumulate(double weight) {
        for (int i = 0; i < size; i++) {
            double s = scores[i];
            double clamped = s >= 1.0 ? 1.0 : (s >= 0.0 ? s : 0.0);
            totals[i] += clamped * weight;
        }
    }

    @Override
    public double score(int index) {
        return totals[index];
    }

    /** Whether {@code snapshot} is one of the current candidates (by identity). */
    boolean contains(EndpointSnapshot snapshot) {
        for (int i = 0; i < size; i++) {
            if (items[i] == snapshot) {
                return true;
            }
        }
        return false;
    }

    /** Drops references to snapshots so a pooled scratch keeps nothing alive. */
    void release() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }
}
