package dev.sextant.bench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes {@code report.json}, {@code report.md} and {@code report.html} into a directory. */
public final class ReportWriter {
    private ReportWriter() {}

    /**
     * Writes the three files, each replaced whole (written aside, then moved), creating the directory.
     *
     * @return the files written
     */
    public static List<Path> write(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("report.json");
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        Path tmp = Files.createTempFile(dir, ".report", ".json");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            JsonReport.write(report, out);
        }
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING);
        replace(md, MarkdownReport.render(report));
        replace(html, HtmlReport.render(report));
        return List.of(json, md, html);
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".report", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
