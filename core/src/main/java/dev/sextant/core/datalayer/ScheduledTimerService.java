package dev.sextant.core.datalayer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link TimerService} on one daemon platform thread, for wall-clock time. */
public final class ScheduledTimerService implements TimerService, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScheduledTimerService.class.getName());

    private final ScheduledExecutorService executor;

    public ScheduledTimerService(String threadName) {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "timer task failed", e);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
