package dev.sextant.cli;

import dev.sextant.dataset.DropReason;
import dev.sextant.dataset.ExtractionSummary;
import dev.sextant.dataset.FileSkipReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary {@code sextant dataset go} prints at the end of a run. */
final class DatasetSummaryText {
    private DatasetSummaryText() {}

    static String render(ExtractionSummary s, Path output, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Wrote %,d pairs to %s in %.1f s.%n", s.pairsWritten(), output, seconds));
        out.append(String.format(Locale.ROOT, "  files:     %,d .go files found, %,d read (%.1f MB, %.1f MB/s)%n",
                s.filesFound(), s.filesRead(), s.bytesRead() / 1e6, seconds > 0 ? s.bytesRead() / 1e6 / seconds : 0));
        List<String> skipped = new ArrayList<>();
        for (FileSkipReason reason : FileSkipReason.values()) {
            if (s.skipped(reason) > 0) {
                skipped.add(String.format(Locale.ROOT, "%,d %s", s.skipped(reason), reason.label()));
            }
        }
        if (!skipped.isEmpty()) {
            out.append("  skipped:   ").append(String.join(", ", skipped)).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "  functions: %,d seen%n", s.functionsSeen()));
        out.append("  pairs per repo:").append(System.lineSeparator());
        int width = s.pairsPerRepo().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> repo : s.pairsPerRepo().entrySet()) {
            out.append(String.format(Locale.ROOT, "    %-" + width + "s  %,10d%n", repo.getKey(), repo.getValue()));
        }
        if (!s.dropped().isEmpty()) {
            out.append("  functions dropped:").append(System.lineSeparator());
            for (DropReason reason : DropReason.values()) {
                if (s.dropped(reason) > 0) {
                    out.append(String.format(Locale.ROOT, "    %-21s %,10d%n", reason.label(), s.dropped(reason)));
                }
            }
        }
        return out.toString();
    }
}
