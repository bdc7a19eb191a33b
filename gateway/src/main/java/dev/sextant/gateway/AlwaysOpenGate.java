package dev.sextant.gateway;

/** The gate of {@link ReadinessGate#alwaysOpen()}: nothing to wait for, so nothing to notify. */
enum AlwaysOpenGate implements ReadinessGate {
    INSTANCE;

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void onChange(Runnable callback) {}
}
