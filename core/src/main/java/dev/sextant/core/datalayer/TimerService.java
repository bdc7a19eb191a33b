package dev.sextant.core.datalayer;

/**
 * Runs tasks after a delay: a platform timer in production, the simulator's event queue in virtual
 * time. Tasks must be short; blocking work goes to an executor.
 */
public interface TimerService {

    /** Runs {@code task} once after {@code delayNanos} (≥ 0) on the timer's clock. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A scheduled task that may be cancelled before it runs. */
    @FunctionalInterface
    interface Cancellable {
        /** Prevents the task from running if it has not started; does nothing otherwise. */
        void cancel();
    }
}
