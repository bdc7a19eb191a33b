package dev.sextant.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Arrival times of a Poisson process whose rate changes stage by stage. Within a stage the gaps are
 * exponential; a gap that would cross into the next stage is drawn again from that stage's start at its
 * rate, which the memorylessness of the exponential makes exact.
 */
final class PoissonArrivals {
    private final List<Stage> stages;
    private final List<StageWindow> windows;
    private final SplittableRandom random;
    private final long maxArrivals;
    private int stage;
    private long time;
    private long count;
    private boolean capped;

    PoissonArrivals(ArrivalSchedule schedule, SplittableRandom random, long maxArrivals) {
        this.stages = schedule.stages();
        this.windows = windows(schedule);
        this.random = random;
        this.maxArrivals = maxArrivals;
        this.time = 0;
    }

    static List<StageWindow> windows(ArrivalSchedule schedule) {
        List<StageWindow> out = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < schedule.stages().size(); i++) {
            Stage s = schedule.stages().get(i);
            long end = start + s.duration().toNanos();
            out.add(new StageWindow(i, start, end, s.rate()));
            start = end;
        }
        return List.copyOf(out);
    }

    List<StageWindow> windows() {
        return windows;
    }

    /** When arrivals stopped: the last stage's end, or the last arrival if the cap stopped them. */
    long endNanos() {
        return capped ? time : windows.getLast().endNanos();
    }

    /** Moves to the next arrival; false when the schedule or the cap is exhausted. */
    boolean advance() {
        if (maxArrivals > 0 && count >= maxArrivals) {
            capped = true;
            return false;
        }
        while (stage < stages.size()) {
            double rate = stages.get(stage).rate();
            long end = windows.get(stage).endNanos();
            if (rate > 0) {
                double gapSeconds = -Math.log(1.0 - random.nextDouble()) / rate;
                long next = time + Math.max(1L, Math.round(gapSeconds * 1e9));
                if (next < end) {
                    time = next;
                    count++;
                    return true;
                }
            }
            time = end;
            stage++;
        }
        return false;
    }

    /** The current arrival's time. */
    long time() {
        return time;
    }

    /** The current arrival's stage. */
    int stage() {
        return stage;
    }
}
