package dev.sextant.bench.extproc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The model server's part of an exchange, simulated: the time between the request Envoy forwards and the
 * response headers it gets back. Zero answers at once, on the thread that received the body.
 */
final class ModelServer implements AutoCloseable {
    private final long delayNanos;
    private final ScheduledExecutorService timer;

    ModelServer(Duration modelTime) {
        this.delayNanos = modelTime.toNanos();
        this.timer = delayNanos == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "extproc-bench-model-server");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code respond} once the model time has passed. */
    void answerLater(Runnable respond) {
        if (timer == null) {
            respond.run();
        } else {
            timer.schedule(respond, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
