package dev.sextant.gateway;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link ReadinessGate} that its owner opens and closes. Thread-safe. */
public final class ReadinessFlag implements ReadinessGate {
    private final AtomicBoolean open;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** A flag, initially open or closed. */
    public ReadinessFlag(boolean initiallyOpen) {
        this.open = new AtomicBoolean(initiallyOpen);
    }

    /** Opens or closes the gate; callbacks run, on this thread, only when the state changed. */
    public void set(boolean nowOpen) {
        if (open.getAndSet(nowOpen) != nowOpen) {
            callbacks.forEach(Runnable::run);
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void onChange(Runnable callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public String toString() {
        return open.get() ? "open" : "closed";
    }
}
