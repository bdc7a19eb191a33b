package dev.sextant.bench.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * The service-level objective goodput is measured against: a request is good when its time to first token
 * and its mean inter-token latency are both within bounds.
 *
 * @param ttft the longest acceptable time to first token
 * @param itl the longest acceptable mean inter-token latency
 */
public record Slo(Duration ttft, Duration itl) {

    /** 1 s to the first token, 50 ms between tokens. */
    public static final Slo DEFAULT = new Slo(Duration.ofSeconds(1), Duration.ofMillis(50));

    public Slo {
        Objects.requireNonNull(ttft, "ttft");
        Objects.requireNonNull(itl, "itl");
        if (ttft.isNegative() || ttft.isZero()) {
            throw new IllegalArgumentException("ttft: " + ttft + " (expected: > 0)");
        }
        if (itl.isNegative() || itl.isZero()) {
            throw new IllegalArgumentException("itl: " + itl + " (expected: > 0)");
        }
    }
}
