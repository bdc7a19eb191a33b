package dev.sextant.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.bench.metrics.RunRecorder;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Slo;
import dev.sextant.bench.workload.StageWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    private static final long S = 1_000_000_000L;

    static RunResult result(String name, long ttftMillis) {
        List<StageWindow> stages = List.of(new StageWindow(0, 0, 10 * S, 3), new StageWindow(1, 10 * S, 20 * S, 6));
        RunRecorder r = new RunRecorder(stages, 2, Slo.DEFAULT);
        for (int stage = 0; stage < 2; stage++) {
            for (int i = 0; i < 5; i++) {
                long arrival = stage * 10 * S + i * S;
                r.arrived(stage);
                r.routed(stage, i % 2);
                long first = arrival + ttftMillis * 1_000_000L * (stage + 1);
                r.interTokenGap(stage, 10_000_000L);
                r.completed(stage, arrival, first, first + 10_000_000L, 100, 40, 2, 10_000_000L, 1, 80);
            }
        }
        return r.result(name, 20 * S, Map.of("wall_s", 0.5));
    }

    static BenchReport report() {
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("workload", "shared-prefix");
        setup.put("replicas", "2 x llama-8b-h100");
        return new BenchReport("cluster", "a test", setup, 1_795_000_000_000L,
                List.of(result("random", 50), result("<b>least & queue</b>", 5000)));
    }

    @Test
    void jsonHasTheNamedFieldsForEveryConfigurationAndStage(@TempDir Path dir) throws IOException {
        List<Path> files = ReportWriter.write(report(), dir.resolve("out"));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("report.json", "report.md", "report.html");
        JsonNode json = new ObjectMapper().readTree(files.getFirst().toFile());
        assertThat(json.get("mode").asText()).isEqualTo("cluster");
        assertThat(json.get("setup").get("replicas").asText()).isEqualTo("2 x llama-8b-h100");
        JsonNode configurations = json.get("configurations");
        assertThat(configurations).hasSize(2);
        List<String> required = List.of("output_tokens_per_s", "requests_per_s", "ttft_p50_s", "ttft_p90_s",
                "ttft_p99_s", "itl_mean_s", "cache_hit_rate", "ideal_cache_hit_rate");
        for (JsonNode c : configurations) {
            assertThat(c.get("name").isTextual()).isTrue();
            required.forEach(f -> assertThat(c.get(f) != null && c.get(f).isNumber()).as(f).isTrue());
            assertThat(c.get("stages")).hasSize(2);
            for (JsonNode s : c.get("stages")) {
                required.forEach(f -> assertThat(s.get(f)).as("stage " + f).isNotNull());
            }
        }
        JsonNode first = configurations.get(0);
        assertThat(first.get("cache_hit_rate").asDouble()).isEqualTo(0.4);
        assertThat(first.get("ideal_cache_hit_rate").asDouble()).isEqualTo(0.8);
        assertThat(first.get("stages").get(1).get("ttft_p50_s").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.001));
        assertThat(first.get("replica_requests")).hasSize(2);
    }

    @Test
    void htmlStandsAloneWithInlineCharts() {
        String html = HtmlReport.render(report());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("</html>");
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(4);
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        Matcher urls = Pattern.compile("https?://[^\"' <]+").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).as("only the SVG namespace").isEqualTo("http://www.w3.org/2000/svg");
        }
        assertThat(html).doesNotContain("<b>least").contains("&lt;b&gt;least &amp; queue&lt;/b&gt;");
        assertThat(html).contains("(log scale)");
    }

    @Test
    void markdownHasTheWholeRunAndEachStage() {
        String md = MarkdownReport.render(report());
        assertThat(md).contains("## Whole run", "### Stage 1: 3.00 requests/s offered", "### Stage 2: 6.00 requests/s offered");
        assertThat(md.lines().filter(l -> l.startsWith("| random |"))).hasSize(3);
    }

    @Test
    void comparisonTableLinesUp() {
        String table = ComparisonTable.render(report().results());
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("configuration").contains("TTFT p90").contains("cache hit");
        int column = lines.get(0).indexOf("TTFT p90") + "TTFT p90".length();
        assertThat(lines.get(2).substring(0, column)).endsWith("ms");
        assertThat(lines.get(3)).startsWith("<b>least & queue</b>");
    }

    @Test
    void writingAgainReplacesTheFiles(@TempDir Path dir) throws IOException {
        ReportWriter.write(report(), dir);
        ReportWriter.write(report(), dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("report.html", "report.json", "report.md");
        }
    }
}
