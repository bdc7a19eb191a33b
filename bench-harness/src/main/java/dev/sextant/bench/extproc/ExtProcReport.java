package dev.sextant.bench.extproc;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/** A run's result as a few lines of text for the terminal, the latency rows in Markdown table form. */
public final class ExtProcReport {
    private ExtProcReport() {}

    /** The setup, the rates, the latency table (milliseconds), failures and how picks were spread. */
    public static String render(ExtProcBenchOptions options, ExtProcBenchResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ext_proc round trip against %s (%s)%n", options.target(),
                options.tls() ? "TLS" : "plain text"));
        out.append(String.format(Locale.ROOT, "  %s bodies of %,d bytes in chunks of at most %,d bytes; %s%s%n",
                options.api().label(), options.bodyBytes(), options.chunkBytes(), r.load().describe(),
                options.modelTime().isZero() ? ""
                        : "; model server time " + options.modelTime().toMillis() + " ms on average (0.5x to 1.5x)"));
        out.append(String.format(Locale.ROOT, "  measured %.1f s after %.1f s of warm-up%n", r.windowSeconds(),
                options.warmup().toNanos() / 1e9));
        out.append(String.format(Locale.ROOT, "  sent %,d (%,.1f/s), succeeded %,d (%,.1f/s), failed %,d%n", r.sent(),
                r.sentPerSecond(), r.succeeded(), r.succeededPerSecond(), r.failed()));
        out.append(String.format(Locale.ROOT, "  generator CPU %.1f s over the whole run%n%n", r.generatorCpuSeconds()));
        out.append("| latency (ms) | mean | p50 | p90 | p99 | p99.9 | max |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(out, "added: last chunk sent -> body back", r.added());
        if (r.load() instanceof LoadShape.FixedRate) {
            row(out, "added, from the intended send time", r.addedFromIntended());
        }
        row(out, "pick: last chunk sent -> destination", r.pick());
        row(out, "response: headers sent -> body back", r.response());
        row(out, "generator send lag", r.sendLag());
        if (!r.failures().isEmpty()) {
            out.append("\nfailures:");
            sorted(r.failures()).forEach(e -> out.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            out.append('\n');
        }
        if (!r.primaries().isEmpty()) {
            out.append("\nprimary endpoints:");
            sorted(r.primaries()).forEach(e -> out.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            out.append('\n');
        }
        return out.toString();
    }

    private static java.util.stream.Stream<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
    }

    private static void row(StringBuilder out, String name, LatencySummary s) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, ms(s.meanNanos()),
                ms(s.p50Nanos()), ms(s.p90Nanos()), ms(s.p99Nanos()), ms(s.p999Nanos()), ms(s.maxNanos())));
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
