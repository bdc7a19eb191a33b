package dev.sextant.bench.extproc;

import java.util.Map;

/**
 * What one {@link ExtProcBench} run measured, over the requests meant to start inside the measured window (the
 * warm-up's are left out).
 *
 * @param load how the load was offered
 * @param windowSeconds the measured window's length
 * @param sent requests sent in the window
 * @param succeeded requests that went through every step: picked, body back, response passed through
 * @param failures requests that did not, by reason ({@code immediate_503}, {@code grpc_UNAVAILABLE},
 *     {@code unfinished}, {@code client_overloaded}, ...); {@code client_overloaded} ones were never sent
 * @param added from the last request-body chunk sent to the whole body back with a destination: the picker's
 *     share of the request
 * @param addedFromIntended the same, counted from when the last chunk was meant to go out (open loop; equal to
 *     {@code added} closed loop): what a client sending on schedule would have seen
 * @param pick from the last chunk sent to the headers response with the destination
 * @param response from the response headers sent to the response body back through the picker
 * @param sendLag how late the generator started requests against their intended times
 * @param primaries succeeded requests by primary endpoint
 * @param generatorCpuSeconds CPU time the generator's process used during the whole run, warm-up included
 */
public record ExtProcBenchResult(LoadShape load, double windowSeconds, long sent, long succeeded,
        Map<String, Long> failures, LatencySummary added, LatencySummary addedFromIntended, LatencySummary pick,
        LatencySummary response, LatencySummary sendLag, Map<String, Long> primaries, double generatorCpuSeconds) {

    public ExtProcBenchResult {
        failures = Map.copyOf(failures);
        primaries = Map.copyOf(primaries);
    }

    /** Requests sent per second of the window. */
    public double sentPerSecond() {
        return sent / windowSeconds;
    }

    /** Requests that succeeded per second of the window: the rate actually achieved. */
    public double succeededPerSecond() {
        return succeeded / windowSeconds;
    }

    /** Requests that failed or never went, all reasons together. */
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
