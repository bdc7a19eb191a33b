package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DatasetGoCommandTest {
    private static final Path GOLDEN = Path.of("..", "dataset", "src", "test", "resources", "golden", "widgets");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path pairs() {
        return dir.resolve("pairs.jsonl");
    }

    @Test
    void writesPairsAndASummary() throws IOException {
        assertThat(run("dataset", "go", "--out", pairs().toString(), GOLDEN.toString())).isZero();
        assertThat(Files.readAllLines(pairs())).hasSize(10);
        assertThat(out.toString())
                .contains("Wrote 10 pairs to " + pairs())
                .contains("15 .go files found, 11 read")
                .contains("1 test files (_test.go), 1 under vendor/, 1 under testdata/")
                .contains("1 malformed Go")
                .contains("functions: 15 seen")
                .containsPattern("widgets\\s+10")
                .containsPattern("no doc comment\\s+1")
                .containsPattern("body too short\\s+2");
        assertThat(err.toString().lines()).containsExactly(
                "sextant: skipped " + GOLDEN.resolve("broken.go") + ":5: raw string literal not terminated",
                "sextant: skipped " + GOLDEN.resolve("latin1.go") + ":3: illegal UTF-8 encoding");
    }

    @Test
    void flagsReachTheExtractor() throws IOException {
        assertThat(run("dataset", "go", "--out", pairs().toString(), "--min-lines", "0", "--include-tests",
                "--include-vendor", "--include-testdata", "--include-generated", "--max-pairs", "3", "--seed", "9",
                "w=" + GOLDEN)).isZero();
        List<String> lines = Files.readAllLines(pairs());
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"repo\":\"w\""));
        assertThat(out.toString()).containsPattern("beyond the pair limit\\s+13");

        List<String> again = new ArrayList<>(lines);
        run("dataset", "go", "--out", pairs().toString(), "--min-lines", "0", "--include-tests", "--include-vendor",
                "--include-testdata", "--include-generated", "--max-pairs", "3", "--seed", "9", "w=" + GOLDEN);
        assertThat(Files.readAllLines(pairs())).isEqualTo(again);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--min-lines|-1|--min-lines: -1 (expected: >= 0)",
        "--max-pairs|0|--max-pairs: 0 (expected: > 0)",
        "--max-file-size|16X|'16X' (expected: a size such as 16MiB, 512KiB or 1048576)",
        "--max-file-size|0|'0' (expected: between 1 byte and 2GiB)",
        "--seed|abc|Invalid value for option '--seed'"
    })
    void badFlagValuesAreInvalidInput(String flag, String value, String message) {
        assertThat(run("dataset", "go", "--out", pairs().toString(), flag, value, GOLDEN.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(pairs()).doesNotExist();
    }

    @Test
    void missingDirectoriesAreInvalidInput() {
        assertThat(run("dataset", "go", "--out", pairs().toString(), dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("nowhere") + ": no such directory");

        assertThat(run("dataset", "go", "--out", dir.resolve("no/such/out.jsonl").toString(), GOLDEN.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");

        assertThat(run("dataset", "go", GOLDEN.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--out=FILE'");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAFailure() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        readOnly.toFile().setWritable(false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly),
                    "running as root: permissions are not enforced");
            assertThat(run("dataset", "go", "--out", readOnly.resolve("p.jsonl").toString(), GOLDEN.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("cannot write");
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(run("dataset", "go", "--help")).isZero();
        assertThat(out.toString()).contains("--out=FILE", "--min-lines=N", "--include-vendor", "--max-pairs=N",
                "--seed=S", "[NAME=]DIR", "docs/dataset.md");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("dataset");
    }
}
