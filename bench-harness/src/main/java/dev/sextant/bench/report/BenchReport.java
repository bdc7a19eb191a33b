package dev.sextant.bench.report;

import dev.sextant.bench.metrics.RunResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bench run as reported: how it was set up and what each configuration (or target) did.
 *
 * @param mode {@code cluster} (virtual time) or {@code load} (real time)
 * @param title a one-line description for headings
 * @param setup the run's settings, in the order to show them (workload, seed, replicas, ...)
 * @param generatedAtEpochMillis when the report was made, for people
 * @param results one per configuration or target, in order
 */
public record BenchReport(String mode, String title, Map<String, String> setup, long generatedAtEpochMillis,
        List<RunResult> results) {

    public BenchReport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(title, "title");
        setup = Collections.unmodifiableMap(new LinkedHashMap<>(setup));
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("results: empty (expected: at least one run)");
        }
    }
}
