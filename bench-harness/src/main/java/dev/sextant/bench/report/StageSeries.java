package dev.sextant.bench.report;

import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The per-stage figures of each configuration as chart lines against offered load. */
final class StageSeries {
    private StageSeries() {}

    /**
     * One series per result: {@code metric} of each stage that offered load, by offered rate. When the run has
     * a single stage, each line is a single point.
     */
    static List<SvgChart.Series> against(List<RunResult> results, ToDoubleFunction<Summary> metric) {
        List<SvgChart.Series> out = new ArrayList<>();
        for (RunResult r : results) {
            List<double[]> points = new ArrayList<>();
            for (Summary s : r.stages()) {
                if (s.offeredRate() > 0 && s.requests() > 0) {
                    points.add(new double[] {s.offeredRate(), metric.applyAsDouble(s)});
                }
            }
            points.sort(Comparator.comparingDouble(p -> p[0]));
            out.add(new SvgChart.Series(r.name(), points));
        }
        return out;
    }

    /** Whether the values span more than two orders of magnitude, so a log scale reads better. */
    static boolean spansDecades(List<SvgChart.Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SvgChart.Series s : series) {
            for (double[] p : s.points()) {
                if (p[1] > 0) {
                    min = Math.min(min, p[1]);
                    max = Math.max(max, p[1]);
                }
            }
        }
        return max > 0 && max / min > 100;
    }
}
