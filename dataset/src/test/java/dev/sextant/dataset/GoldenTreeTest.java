package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden test: {@code golden/widgets} is a small Go tree in which each file exercises one case
 * (generics, literals full of braces, directives, build tags, CRLF, a malformed and a non-UTF-8 file,
 * tests, vendor, testdata, generated code, a duplicate). {@code golden/widgets.expected.jsonl} holds the
 * exact output, checked by hand and against go/parser.
 */
class GoldenTreeTest {

    @Test
    void theWidgetsTreeGivesExactlyTheExpectedPairs(@TempDir Path dir) throws IOException, URISyntaxException {
        Path golden = Path.of(GoldenTreeTest.class.getResource("/golden").toURI());
        Path out = dir.resolve("pairs.jsonl");
        List<FileProblem> problems = new ArrayList<>();
        ExtractionSummary summary = GoPairExtractor.extract(
                GoDatasetOptions.builder(out, List.of(SourceTree.of(golden.resolve("widgets")))).build(),
                new ExtractionListener() {
                    @Override
                    public void problem(FileProblem problem) {
                        problems.add(problem);
                    }
                });

        assertThat(out).hasSameBinaryContentAs(golden.resolve("widgets.expected.jsonl"));
        assertThat(summary.filesFound()).isEqualTo(15);
        assertThat(summary.filesRead()).isEqualTo(11);
        assertThat(summary.functionsSeen()).isEqualTo(15);
        assertThat(summary.pairsPerRepo()).isEqualTo(Map.of("widgets", 10L));
        assertThat(summary.filesSkipped()).isEqualTo(Map.of(
                FileSkipReason.TEST_FILE, 1L,
                FileSkipReason.VENDOR, 1L,
                FileSkipReason.TESTDATA, 1L,
                FileSkipReason.IGNORED_NAME, 1L,
                FileSkipReason.GENERATED, 1L,
                FileSkipReason.MALFORMED, 1L,
                FileSkipReason.NOT_UTF8, 1L));
        assertThat(summary.dropped()).isEqualTo(Map.of(
                DropReason.NO_BODY, 1L,
                DropReason.NO_DOC, 1L,
                DropReason.SHORT_BODY, 2L,
                DropReason.DUPLICATE, 1L));
        assertThat(problems).extracting(p -> golden.relativize(p.file()) + ":" + p.line() + ": " + p.message())
                .containsExactly(
                        "widgets/broken.go:5: raw string literal not terminated",
                        "widgets/latin1.go:3: illegal UTF-8 encoding");
    }

    @Test
    void includingEverythingAddsTheSkippedFunctions(@TempDir Path dir) throws IOException, URISyntaxException {
        Path golden = Path.of(GoldenTreeTest.class.getResource("/golden").toURI());
        ExtractionSummary summary = GoPairExtractor.extract(
                GoDatasetOptions.builder(dir.resolve("pairs.jsonl"), List.of(SourceTree.of(golden.resolve("widgets"))))
                        .includeTests(true)
                        .includeVendor(true)
                        .includeTestdata(true)
                        .includeGenerated(true)
                        .minBodyLines(0)
                        .build(),
                ExtractionListener.NONE);
        // TestPush, Vendored, Sample, Generated, and the two short ones.
        assertThat(summary.pairsWritten()).isEqualTo(16);
        assertThat(summary.filesSkipped()).containsOnlyKeys(
                FileSkipReason.IGNORED_NAME, FileSkipReason.MALFORMED, FileSkipReason.NOT_UTF8);
    }
}
