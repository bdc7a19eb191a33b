package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoPairExtractorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<FileProblem> problems = new ArrayList<>();
    private final List<Progress> progress = new ArrayList<>();
    private final ExtractionListener listener = new ExtractionListener() {
        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void problem(FileProblem problem) {
            problems.add(problem);
        }
    };

    private Path out() {
        return dir.resolve("pairs.jsonl");
    }

    private GoDatasetOptions.Builder options(Path... roots) {
        return GoDatasetOptions.builder(out(), Stream.of(roots).map(SourceTree::of).toList());
    }

    private ExtractionSummary extract(GoDatasetOptions.Builder options) throws IOException {
        return GoPairExtractor.extract(options.build(), listener);
    }

    private List<JsonNode> pairs() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(out(), StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void writesOnePairPerDocumentedFunctionWithItsProvenance() throws IOException {
        Path tree = dir.resolve("kv");
        GoTrees.write(tree, "store/store.go", """
                package store

                // Store keeps values.
                type Store struct{ m map[string]string }

                // Get returns the value of key, or "" when there is none.
                func (s *Store) Get(key string) string {
                \tv, ok := s.m[key]
                \tif !ok {
                \t\treturn ""
                \t}
                \treturn v
                }

                func (s *Store) undocumented() {
                \ts.m = nil
                \ts.m = nil
                \ts.m = nil
                }
                """);
        ExtractionSummary summary = extract(options(tree));

        assertThat(pairs()).singleElement().satisfies(pair -> {
            assertThat(pair.get("instruction").asText()).isEqualTo("Get returns the value of key, or \"\" when there is none.");
            assertThat(pair.get("output").asText()).startsWith("func (s *Store) Get(key string) string {\n").endsWith("\treturn v\n}");
            assertThat(pair.get("source").asText()).isEqualTo("store/store.go");
            assertThat(pair.get("repo").asText()).isEqualTo("kv");
            assertThat(pair.get("name").asText()).isEqualTo("Get");
            assertThat(pair.get("receiver").asText()).isEqualTo("*Store");
            assertThat(pair.get("lines").toString()).isEqualTo("[7,13]");
            assertThat(pair.fieldNames()).toIterable()
                    .containsExactly("instruction", "output", "source", "repo", "name", "receiver", "lines");
        });
        assertThat(summary.filesFound()).isEqualTo(1);
        assertThat(summary.filesRead()).isEqualTo(1);
        assertThat(summary.functionsSeen()).isEqualTo(2);
        assertThat(summary.pairsPerRepo()).isEqualTo(Map.of("kv", 1L));
        assertThat(summary.dropped()).isEqualTo(Map.of(DropReason.NO_DOC, 1L));
        assertThat(problems).isEmpty();
    }

    @Test
    void aFunctionHasANullReceiver() throws IOException {
        GoTrees.write(dir.resolve("t"), "f.go", GoTrees.function("p", "F", 5));
        extract(options(dir.resolve("t")));
        assertThat(pairs()).singleElement().satisfies(pair -> assertThat(pair.get("receiver").isNull()).isTrue());
    }

    @Test
    void minLinesCountsTheBodyFromBraceToBrace() throws IOException {
        Path tree = dir.resolve("t");
        for (int lines = 1; lines <= 8; lines++) {
            GoTrees.write(tree, "f" + lines + ".go", GoTrees.function("p", "F" + lines, lines == 1 ? 2 : lines)
                    .replace("func F1() (x int) {\n}", "func F1() (x int) { return 1 }"));
        }
        ExtractionSummary summary = extract(options(tree).minBodyLines(6));
        assertThat(pairs()).extracting(p -> p.get("name").asText()).containsExactly("F6", "F7", "F8");
        assertThat(summary.dropped(DropReason.SHORT_BODY)).isEqualTo(5);
    }

    @Test
    void exactDuplicatesAreDroppedAcrossTreesKeepingTheFirst() throws IOException {
        String same = GoTrees.function("p", "Same", 5);
        GoTrees.write(dir.resolve("one"), "a.go", same);
        GoTrees.write(dir.resolve("one"), "b.go", same);
        GoTrees.write(dir.resolve("two"), "a.go", same);
        GoTrees.write(dir.resolve("two"), "c.go", same.replace("adds up.", "sums."));
        ExtractionSummary summary = extract(options(dir.resolve("one"), dir.resolve("two")));

        assertThat(pairs()).extracting(p -> p.get("repo").asText() + "/" + p.get("source").asText())
                .containsExactly("one/a.go", "two/c.go");
        assertThat(summary.pairsPerRepo()).containsExactly(Map.entry("one", 1L), Map.entry("two", 1L));
        assertThat(summary.dropped(DropReason.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void treesWithTheSameNameShareACount() throws IOException {
        GoTrees.write(dir.resolve("a/lib"), "a.go", GoTrees.function("p", "A", 5));
        GoTrees.write(dir.resolve("b/lib"), "b.go", GoTrees.function("p", "B", 5));
        ExtractionSummary summary = extract(options(dir.resolve("a/lib"), dir.resolve("b/lib")));
        assertThat(summary.pairsPerRepo()).isEqualTo(Map.of("lib", 2L));
    }

    private Path manyPairs(int n) {
        Path tree = dir.resolve("many");
        for (int i = 0; i < n; i++) {
            GoTrees.write(tree, String.format("f%03d.go", i), GoTrees.function("p", "F" + i, 5));
        }
        return tree;
    }

    @Test
    void aSeedGivesTheSameShuffleEveryTime() throws IOException {
        Path tree = manyPairs(40);
        extract(options(tree));
        List<String> inOrder = Files.readAllLines(out());

        extract(options(tree).order(new PairOrder.Shuffled(7)));
        List<String> first = Files.readAllLines(out());
        extract(options(tree).order(new PairOrder.Shuffled(7)));
        List<String> second = Files.readAllLines(out());
        extract(options(tree).order(new PairOrder.Shuffled(8)));
        List<String> otherSeed = Files.readAllLines(out());

        assertThat(first).isEqualTo(second).containsExactlyInAnyOrderElementsOf(inOrder).isNotEqualTo(inOrder);
        assertThat(otherSeed).containsExactlyInAnyOrderElementsOf(inOrder).isNotEqualTo(first);
    }

    @Test
    void maxPairsKeepsARandomSubsampleWhenShuffled() throws IOException {
        Path tree = manyPairs(40);
        extract(options(tree));
        List<String> all = Files.readAllLines(out());

        ExtractionSummary summary = extract(options(tree).maxPairs(10).order(new PairOrder.Shuffled(1)));
        List<String> sample = Files.readAllLines(out());
        assertThat(sample).hasSize(10).doesNotHaveDuplicates().isSubsetOf(all).isNotEqualTo(all.subList(0, 10));
        assertThat(summary.pairsWritten()).isEqualTo(10);
        assertThat(summary.dropped(DropReason.OVER_MAX_PAIRS)).isEqualTo(30);
    }

    @Test
    void maxPairsKeepsTheFirstInSourceOrder() throws IOException {
        Path tree = manyPairs(12);
        extract(options(tree));
        List<String> all = Files.readAllLines(out());
        ExtractionSummary summary = extract(options(tree).maxPairs(5));
        assertThat(Files.readAllLines(out())).isEqualTo(all.subList(0, 5));
        assertThat(summary.dropped(DropReason.OVER_MAX_PAIRS)).isEqualTo(7);
    }

    @Test
    void badFilesAreReportedWithTheirLineAndSkipped() throws IOException {
        Path tree = dir.resolve("t");
        GoTrees.write(tree, "good.go", GoTrees.function("p", "Good", 5));
        Path raw = GoTrees.write(tree, "raw.go", "package p\n\nvar s = `never closed\n");
        Path latin1 = GoTrees.write(tree, "latin1.go", "package p\n// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = GoTrees.write(tree, "huge.go", "package p\n" + "// padding\n".repeat(200));
        ExtractionSummary summary = extract(options(tree).maxFileBytes(1000));

        assertThat(problems).extracting(FileProblem::toString).containsExactly(
                huge + ": 2210 bytes (limit: 1000)",
                latin1 + ":2: illegal UTF-8 encoding",
                raw + ":3: raw string literal not terminated");
        assertThat(summary.filesSkipped()).isEqualTo(Map.of(
                FileSkipReason.TOO_LARGE, 1L, FileSkipReason.NOT_UTF8, 1L, FileSkipReason.MALFORMED, 1L));
        assertThat(summary.filesFound()).isEqualTo(4);
        assertThat(summary.filesRead()).isEqualTo(3);
        assertThat(pairs()).extracting(p -> p.get("name").asText()).containsExactly("Good");
    }

    @Test
    void progressIsReportedAfterEveryFile() throws IOException {
        Path tree = manyPairs(3);
        extract(options(tree));
        assertThat(progress).hasSize(3);
        Progress last = progress.get(2);
        assertThat(last.filesDone()).isEqualTo(3).isEqualTo(last.filesTotal());
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isPositive();
        assertThat(last.pairs()).isEqualTo(3);
    }

    @Test
    void theOutputIsReplacedAndNoScratchFileIsLeft() throws IOException {
        Files.writeString(out(), "old content\n");
        extract(options(manyPairs(5)).order(new PairOrder.Shuffled(3)));
        assertThat(Files.readAllLines(out())).hasSize(5).doesNotContain("old content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pairs.jsonl", "many");
        }
    }

    @Test
    void anEmptyTreeGivesAnEmptyOutput() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        ExtractionSummary summary = extract(options(dir.resolve("empty")));
        assertThat(Files.size(out())).isZero();
        assertThat(summary.pairsWritten()).isZero();
        assertThat(summary.pairsPerRepo()).isEqualTo(Map.of("empty", 0L));
    }

    @Test
    void missingInputsAreErrorsAndLeaveNoOutput() throws IOException {
        assertThatThrownBy(() -> extract(options(dir.resolve("nowhere"))))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nowhere");
        Path file = Files.writeString(dir.resolve("file.go"), "package p\n");
        assertThatThrownBy(() -> extract(options(file))).isInstanceOf(NotDirectoryException.class);
        Path tree = manyPairs(1);
        assertThatThrownBy(() -> GoPairExtractor.extract(
                GoDatasetOptions.builder(dir.resolve("no/dir/out.jsonl"), List.of(SourceTree.of(tree))).build(), listener))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(out()).doesNotExist();
    }
}
