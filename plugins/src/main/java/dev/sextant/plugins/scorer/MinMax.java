package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.scheduling.Candidates;
import java.util.function.ToIntFunction;

/** Min-max normalisation shared by the queue and running-requests scorers. */
final class MinMax {
    private MinMax() {}

    /**
     * Writes {@code (max - v) / (max - min)} for each candidate's value {@code v}, where min and max
     * are taken over the candidates, or 1 for all when they are equal. The metric function must be
     * non-capturing so that no lambda is allocated per call.
     */
    static void lowerIsBetter(Candidates candidates, double[] scores, ToIntFunction<EndpointSnapshot> metric) {
        int n = candidates.size();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int v = metric.applyAsInt(candidates.get(i));
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            for (int i = 0; i < n; i++) {
                scores[i] = 1.0;
            }
            return;
        }
        double range = (double) max - min;
        for (int i = 0; i < n; i++) {
            scores[i] = (max - metric.applyAsInt(candidates.get(i))) / range;
        }
    }
}
