package dev.sextant.bench.extproc;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts and times the exchanges meant to start inside the measured window, {@code [from, until)} in clock
 * nanoseconds; the warm-up's are ignored. Thread-safe: exchanges finish on several event loops.
 */
final class ResultTally {
    private final long from;
    private final long until;
    private final LongAdder sent = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> primaries = new ConcurrentHashMap<>();
    private final LatencyHistogram added = new LatencyHistogram();
    private final LatencyHistogram addedFromIntended = new LatencyHistogram();
    private final LatencyHistogram pick = new LatencyHistogram();
    private final LatencyHistogram response = new LatencyHistogram();
    private final LatencyHistogram sendLag = new LatencyHistogram();

    ResultTally(long from, long until) {
        this.from = from;
        this.until = until;
    }

    /** Whether a request meant to start at this time is measured. */
    boolean measures(long intendedNanos) {
        return intendedNanos >= from && intendedNanos < until;
    }

    /** A request was sent. */
    void sent(long intendedNanos) {
        if (measures(intendedNanos)) {
            sent.increment();
        }
    }

    /** An open-loop arrival found too many exchanges open and was dropped. */
    void overloaded(long intendedNanos) {
        if (measures(intendedNanos)) {
            failures.computeIfAbsent("client_overloaded", k -> new LongAdder()).increment();
        }
    }

    /** An exchange ended, one way or the other. */
    void finished(ExchangeTimes t) {
        if (!measures(t.intendedNanos())) {
            return;
        }
        sendLag.record(t.sendLagNanos());
        if (!t.succeeded()) {
            failures.computeIfAbsent(t.failure(), k -> new LongAdder()).increment();
            return;
        }
        succeeded.increment();
        added.record(t.addedNanos());
        addedFromIntended.record(t.addedFromIntendedNanos());
        pick.record(t.pickNanos());
        response.record(t.responseNanos());
        int comma = t.destination().indexOf(',');
        String primary = comma < 0 ? t.destination() : t.destination().substring(0, comma);
        primaries.computeIfAbsent(primary, k -> new LongAdder()).increment();
    }

    ExtProcBenchResult result(LoadShape load, double generatorCpuSeconds) {
        return new ExtProcBenchResult(load, (until - from) / 1e9, sent.sum(), succeeded.sum(), sums(failures),
                added.summary(), addedFromIntended.summary(), pick.summary(), response.summary(), sendLag.summary(),
                sums(primaries), generatorCpuSeconds);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new HashMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
