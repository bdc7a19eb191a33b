package dev.sextant.bench.extproc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The model server's part of an exchange, simulated: the time between the request Envoy forwards and the
 * response headers it gets back, drawn uniformly between half and one and a half times the model time
 * (responses differ in length, so a real server's times vary around a mean). Zero answers at once, on the
 * thread that received the body.
 *
 * <p>The spread matters for closed loops: with one fixed time, streams that once met in a queue would
 * keep arriving together every cycle from then on, a lockstep no population of users keeps.
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
            long delay = delayNanos / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(delayNanos + 1);
            timer.schedule(respond, delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
