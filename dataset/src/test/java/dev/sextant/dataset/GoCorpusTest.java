package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real corpora from Debian packages, checked for plausibility: every output a whole function, every
 * instruction non-empty, nothing from tests, vendor or testdata, counts in a sane range. Each corpus
 * that is not installed is skipped with the command that installs it; CI installs golang-1.19-src.
 */
class GoCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> corpora() {
        return Stream.of(
                // corpus, Debian package, fewest pairs, most pairs
                Arguments.of("/usr/share/go-1.19/src", "golang-1.19-src", 5_000, 30_000),
                Arguments.of("/usr/share/gocode/src/go.etcd.io/etcd", "golang-etcd-server-dev", 500, 10_000),
                Arguments.of("/usr/share/gocode/src/google.golang.org/grpc", "golang-google-grpc-dev", 300, 10_000),
                Arguments.of("/usr/share/gocode/src/github.com/containerd/containerd",
                        "golang-github-containerd-containerd-dev", 300, 10_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void givesPlausiblePairs(String corpus, String debianPackage, int fewest, int most, @TempDir Path dir)
            throws IOException {
        Path root = Path.of(corpus);
        assumeTrue(Files.isDirectory(root),
                corpus + " is not installed; run `apt-get install " + debianPackage + "` to test on it");
        Path out = dir.resolve("pairs.jsonl");
        ExtractionSummary summary = GoPairExtractor.extract(
                GoDatasetOptions.builder(out, List.of(SourceTree.of(root))).build(), ExtractionListener.NONE);

        long pairs = 0;
        Set<String> seen = new HashSet<>();
        try (BufferedReader lines = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode pair = JSON.readTree(line);
                String output = pair.get("output").asText();
                String source = pair.get("source").asText();
                assertThat(output).as(source).startsWith("func").endsWith("}");
                assertThat(pair.get("instruction").asText()).as(source).isNotBlank();
                assertThat("/" + source).doesNotEndWith("_test.go").doesNotContain("/vendor/").doesNotContain("/testdata/");
                assertThat(pair.get("name").asText()).as(source).matches("[\\p{L}_][\\p{L}\\p{Nd}_]*");
                JsonNode span = pair.get("lines");
                assertThat(span.get(1).asInt() - span.get(0).asInt()).as(source).isGreaterThanOrEqualTo(4);
                assertThat(seen.add(pair.get("instruction").asText() + "\0" + output)).as("duplicate in " + source)
                        .isTrue();
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(summary.pairsWritten()).isBetween((long) fewest, (long) most);
        assertThat(summary.functionsSeen()).isGreaterThan(2 * pairs);
        // Real, released code: hardly any file is malformed (the standard library has none outside testdata).
        assertThat(summary.skipped(FileSkipReason.MALFORMED) + summary.skipped(FileSkipReason.NOT_UTF8))
                .isLessThanOrEqualTo(summary.filesRead() / 100);
    }
}
