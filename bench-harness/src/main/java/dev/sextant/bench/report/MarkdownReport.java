package dev.sextant.bench.report;

import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code report.md}: the setup, the comparison over the whole run, then each stage, as Markdown tables. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The report as Markdown text. */
    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# sextant bench ").append(report.mode()).append(": ").append(report.title()).append("\n\n");
        md.append("Generated ").append(Instant.ofEpochMilli(report.generatedAtEpochMillis())).append(".\n\n");
        for (Map.Entry<String, String> e : report.setup().entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("\n## Whole run\n\n");
        table(md, report.results(), null);
        md.append("\nCache hit: prompt tokens served from the replicas' prefix caches; ideal: what one unbounded cache"
                + " shared by all replicas would have served (an upper bound for any routing). Queue: waiting requests"
                + " per replica, mean of samples every scrape interval. Spread: coefficient of variation of requests"
                + " per replica. Goodput: completed requests per second within the SLO.\n");
        int stages = report.results().getFirst().stages().size();
        if (stages > 1) {
            md.append("\n## Per stage\n");
            for (int i = 0; i < stages; i++) {
                Summary first = report.results().getFirst().stages().get(i);
                md.append("\n### Stage ").append(first.label()).append(": ").append(Numbers.rate(first.offeredRate()))
                        .append(" requests/s offered\n\n");
                table(md, report.results(), i);
            }
        }
        failures(md, report.results());
        return md.toString();
    }

    private static void table(StringBuilder md, List<RunResult> results, Integer stage) {
        md.append("| configuration | requests | output tok/s | req/s | TTFT p50 | TTFT p90 | TTFT p99 | ITL mean"
                + " | E2E p90 | cache hit | ideal | queue | spread | goodput/s | failed |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            Summary s = stage == null ? r.overall() : r.stages().get(stage);
            md.append("| ").append(r.name().replace("|", "\\|"))
                    .append(" | ").append(Numbers.count(s.requests()))
                    .append(" | ").append(Numbers.rate(s.outputTokensPerSecond()))
                    .append(" | ").append(Numbers.rate(s.requestsPerSecond()))
                    .append(" | ").append(Numbers.seconds(s.ttft().p50()))
                    .append(" | ").append(Numbers.seconds(s.ttft().p90()))
                    .append(" | ").append(Numbers.seconds(s.ttft().p99()))
                    .append(" | ").append(Numbers.seconds(s.itl().mean()))
                    .append(" | ").append(Numbers.seconds(s.e2e().p90()))
                    .append(" | ").append(Numbers.percent(s.cacheHitRate()))
                    .append(" | ").append(Numbers.percent(s.idealCacheHitRate()))
                    .append(" | ").append(Numbers.plain(s.queueDepthMean()))
                    .append(" | ").append(Numbers.plain(s.loadSpreadCv()))
                    .append(" | ").append(Numbers.rate(s.goodputRequestsPerSecond()))
                    .append(" | ").append(Numbers.count(s.failed() + s.unfinished()))
                    .append(" |\n");
        }
    }

    private static void failures(StringBuilder md, List<RunResult> results) {
        boolean any = results.stream().anyMatch(r -> !r.failures().isEmpty());
        if (!any) {
            return;
        }
        md.append("\n## Failed requests\n\n| configuration | reason | requests |\n|---|---|---:|\n");
        for (RunResult r : results) {
            for (Map.Entry<String, Long> e : r.failures().entrySet()) {
                md.append("| ").append(r.name()).append(" | ").append(e.getKey()).append(" | ")
                        .append(Numbers.count(e.getValue())).append(" |\n");
            }
        }
    }
}
