package dev.sextant.bench.metrics;

/**
 * Told how a bench goes, for a progress bar: runs start, advance (in virtual time for the cluster simulator,
 * in real time for the load generator) and finish. Called on the driving thread; must be quick.
 */
public interface RunProgress {

    /** Reports nothing. */
    RunProgress NONE = new RunProgress() {};

    /**
     * Run {@code index} (from 0) of {@code count} starts.
     *
     * @param expectedArrivals arrivals the workload offers on average
     * @param plannedNanos time the workload's stages span
     */
    default void runStarted(int index, int count, String name, double expectedArrivals, long plannedNanos) {}

    /** The run reached time {@code nanos} (from its start) with {@code arrived} arrivals, {@code ended} of them over. */
    default void advanced(long nanos, long arrived, long ended) {}

    /** The run ended. */
    default void runFinished(RunResult result) {}
}
