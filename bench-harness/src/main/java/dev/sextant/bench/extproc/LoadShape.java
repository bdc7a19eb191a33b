package dev.sextant.bench.extproc;

/** How requests are offered: open loop at a fixed rate, or closed loop at a fixed concurrency. */
public sealed interface LoadShape {

    /**
     * Open loop: request {@code i} is sent at {@code i / rate} seconds whether or not earlier ones have answered,
     * and its latency is counted from that intended time.
     *
     * @param ratePerSecond requests per second, {@code > 0}
     */
    record FixedRate(double ratePerSecond) implements LoadShape {
        public FixedRate {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: > 0)");
            }
        }
    }

    /**
     * Closed loop: {@code concurrency} streams, each starting its next request as soon as its previous one ended.
     *
     * @param concurrency streams at once, {@code > 0}
     */
    record FixedConcurrency(int concurrency) implements LoadShape {
        public FixedConcurrency {
            if (concurrency <= 0) {
                throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: > 0)");
            }
        }
    }

    /** {@code 2000 requests/s, open loop} or {@code concurrency 100, closed loop}. */
    default String describe() {
        return switch (this) {
            case FixedRate r -> String.format(java.util.Locale.ROOT, "%,.0f requests/s, open loop", r.ratePerSecond());
            case FixedConcurrency c -> "concurrency " + c.concurrency() + ", closed loop";
        };
    }
}
