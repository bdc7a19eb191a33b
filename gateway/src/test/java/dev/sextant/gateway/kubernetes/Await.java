package dev.sextant.gateway.kubernetes;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping and asserting: generous, because the build machine is shared. */
final class Await {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Await() {}

    /** Returns once {@code condition} holds; fails with {@code state} described after {@link #PATIENCE}. */
    static void until(String what, Supplier<Boolean> condition, Supplier<?> state) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last state: " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
