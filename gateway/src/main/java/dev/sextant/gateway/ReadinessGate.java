package dev.sextant.gateway;

import java.util.List;
import java.util.Objects;

/**
 * A condition that must hold, besides endpoint discovery having reported, for the gateway to report
 * ready on {@code /readyz} and {@code grpc.health.v1}. The caller composes it: for example "this
 * replica holds the leader lease" and "the InferencePool exists".
 *
 * <p>Implementations are thread-safe; {@link #isOpen()} is cheap (it is read on every probe).
 */
public interface ReadinessGate {

    /** Whether the condition holds now. */
    boolean isOpen();

    /**
     * Registers {@code callback}, run after {@link #isOpen()} may have changed, from any thread. A
     * callback may run when nothing changed; it should read {@link #isOpen()} again.
     */
    void onChange(Runnable callback);

    /** A gate that is always open: readiness is decided by discovery alone. */
    static ReadinessGate alwaysOpen() {
        return AlwaysOpenGate.INSTANCE;
    }

    /** A gate open while every one of {@code gates} is open. */
    static ReadinessGate allOf(List<? extends ReadinessGate> gates) {
        List<ReadinessGate> all = List.copyOf(Objects.requireNonNull(gates, "gates"));
        return new ReadinessGate() {
            @Override
            public boolean isOpen() {
                for (ReadinessGate g : all) {
                    if (!g.isOpen()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void onChange(Runnable callback) {
                Objects.requireNonNull(callback, "callback");
                all.forEach(g -> g.onChange(callback));
            }
        };
    }
}
