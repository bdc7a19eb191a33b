package dev.sextant.bench.cluster;

import dev.sextant.bench.metrics.RunResult;

/** Told how a comparison goes, for a progress bar. Called on the simulation's thread; must be quick. */
public interface ClusterProgress {

    /** Reports nothing. */
    ClusterProgress NONE = new ClusterProgress() {};

    /**
     * Configuration {@code index} (from 0) of {@code count} starts.
     *
     * @param expectedArrivals arrivals the workload offers on average
     * @param plannedNanos virtual time the workload's stages span
     */
    default void runStarted(int index, int count, String name, double expectedArrivals, long plannedNanos) {}

    /** The run reached virtual time {@code nanos} with {@code arrived} arrivals, {@code ended} of them over. */
    default void advanced(long nanos, long arrived, long ended) {}

    /** The run ended. */
    default void runFinished(RunResult result) {}
}
