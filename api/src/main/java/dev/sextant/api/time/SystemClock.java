package dev.sextant.api.time;

/** Wall-clock time of the machine. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}
