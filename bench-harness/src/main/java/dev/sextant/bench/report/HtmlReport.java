package dev.sextant.bench.report;

import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the
 * comparison table and charts of TTFT, throughput and cache hit rate against offered load, one line per
 * configuration.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The page. */
    public static String render(BenchReport report) {
        StringBuilder html = new StringBuilder();
        String title = "sextant bench " + report.mode() + ": " + report.title();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgChart.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}")
                .append("figure{margin:1.5em 0}.note{color:#555;font-size:13px}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(SvgChart.escape(title)).append("</h1>\n");
        html.append("<p class=\"note\">Generated ").append(Instant.ofEpochMilli(report.generatedAtEpochMillis()))
                .append(".</p>\n<ul>\n");
        for (Map.Entry<String, String> e : report.setup().entrySet()) {
            html.append("<li>").append(SvgChart.escape(e.getKey())).append(": ").append(SvgChart.escape(e.getValue()))
                    .append("</li>\n");
        }
        html.append("</ul>\n<h2>Whole run</h2>\n");
        table(html, report.results(), null);
        List<RunResult> results = report.results();
        html.append("<h2>Against offered load</h2>\n");
        chart(html, results, "TTFT p90 against offered load", "TTFT p90 (s)", s -> s.ttft().p90());
        chart(html, results, "Output throughput against offered load", "output tokens/s", Summary::outputTokensPerSecond);
        chart(html, results, "Prefix-cache hit rate against offered load", "hit rate", Summary::cacheHitRate);
        chart(html, results, "Mean queue depth against offered load", "waiting per replica", Summary::queueDepthMean);
        int stages = results.getFirst().stages().size();
        if (stages > 1) {
            html.append("<h2>Per stage</h2>\n");
            for (int i = 0; i < stages; i++) {
                Summary first = results.getFirst().stages().get(i);
                html.append("<h3>Stage ").append(first.label()).append(": ").append(Numbers.rate(first.offeredRate()))
                        .append(" requests/s offered</h3>\n");
                table(html, results, i);
            }
        }
        html.append("<p class=\"note\">Cache hit: prompt tokens served from the replicas' prefix caches; ideal: one"
                + " unbounded cache shared by all replicas (an upper bound for any routing). Queue: waiting requests per"
                + " replica. Spread: coefficient of variation of requests per replica. Goodput: completed requests per"
                + " second within the SLO.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void chart(StringBuilder html, List<RunResult> results, String title, String yLabel,
            ToDoubleFunction<Summary> metric) {
        List<SvgChart.Series> series = StageSeries.against(results, metric);
        html.append("<figure>\n").append(SvgChart.render(title, "offered load (requests/s)", yLabel, series,
                StageSeries.spansDecades(series))).append("</figure>\n");
    }

    private static void table(StringBuilder html, List<RunResult> results, Integer stage) {
        html.append("<table>\n<tr><th>configuration</th><th>requests</th><th>output tok/s</th><th>req/s</th>"
                + "<th>TTFT p50</th><th>TTFT p90</th><th>TTFT p99</th><th>ITL mean</th><th>E2E p90</th>"
                + "<th>cache hit</th><th>ideal</th><th>queue</th><th>spread</th><th>goodput/s</th><th>failed</th></tr>\n");
        for (RunResult r : results) {
            Summary s = stage == null ? r.overall() : r.stages().get(stage);
            html.append("<tr><td>").append(SvgChart.escape(r.name())).append("</td>");
            cell(html, Numbers.count(s.requests()));
            cell(html, Numbers.rate(s.outputTokensPerSecond()));
            cell(html, Numbers.rate(s.requestsPerSecond()));
            cell(html, Numbers.seconds(s.ttft().p50()));
            cell(html, Numbers.seconds(s.ttft().p90()));
            cell(html, Numbers.seconds(s.ttft().p99()));
            cell(html, Numbers.seconds(s.itl().mean()));
            cell(html, Numbers.seconds(s.e2e().p90()));
            cell(html, Numbers.percent(s.cacheHitRate()));
            cell(html, Numbers.percent(s.idealCacheHitRate()));
            cell(html, Numbers.plain(s.queueDepthMean()));
            cell(html, Numbers.plain(s.loadSpreadCv()));
            cell(html, Numbers.rate(s.goodputRequestsPerSecond()));
            cell(html, Numbers.count(s.failed() + s.unfinished()));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(SvgChart.escape(text)).append("</td>");
    }
}
