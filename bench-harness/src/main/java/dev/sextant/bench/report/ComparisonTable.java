package dev.sextant.bench.report;

import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The comparison printed at the end of a run: one row per configuration, the whole run's figures. */
public final class ComparisonTable {
    private static final List<Column> COLUMNS = List.of(
            new Column("configuration", null, true),
            new Column("output tok/s", s -> Numbers.rate(s.outputTokensPerSecond()), false),
            new Column("req/s", s -> Numbers.rate(s.requestsPerSecond()), false),
            new Column("TTFT p50", s -> Numbers.seconds(s.ttft().p50()), false),
            new Column("TTFT p90", s -> Numbers.seconds(s.ttft().p90()), false),
            new Column("TTFT p99", s -> Numbers.seconds(s.ttft().p99()), false),
            new Column("ITL mean", s -> Numbers.seconds(s.itl().mean()), false),
            new Column("E2E p90", s -> Numbers.seconds(s.e2e().p90()), false),
            new Column("cache hit", s -> Numbers.percent(s.cacheHitRate()), false),
            new Column("ideal", s -> Numbers.percent(s.idealCacheHitRate()), false),
            new Column("queue", s -> Numbers.plain(s.queueDepthMean()), false),
            new Column("spread", s -> Numbers.plain(s.loadSpreadCv()), false),
            new Column("goodput/s", s -> Numbers.rate(s.goodputRequestsPerSecond()), false),
            new Column("failed", s -> Numbers.count(s.failed() + s.unfinished()), false));

    private ComparisonTable() {}

    /** The table as fixed-width text lines, ending with a newline. */
    public static String render(List<RunResult> results) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[COLUMNS.size()];
        for (int c = 0; c < header.length; c++) {
            header[c] = COLUMNS.get(c).title;
        }
        rows.add(header);
        for (RunResult r : results) {
            String[] row = new String[COLUMNS.size()];
            row[0] = r.name();
            for (int c = 1; c < row.length; c++) {
                row[c] = COLUMNS.get(c).value.apply(r.overall());
            }
            rows.add(row);
        }
        int[] widths = new int[COLUMNS.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                String pad = " ".repeat(widths[c] - row[c].length());
                out.append(COLUMNS.get(c).left ? row[c] + pad : pad + row[c]);
            }
            out.append(stripTrailing(out)).append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w;
                }
                out.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
            }
        }
        return out.toString();
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        return "";
    }

    private record Column(String title, Function<Summary, String> value, boolean left) {}
}
