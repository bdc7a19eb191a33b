package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strongest check of "Go's rules, exactly": Go's own go/parser, run on every file of the standard
 * library that the extractor reads, must find the same functions with the same names, receivers, doc
 * texts, byte ranges, lines and body lengths. Needs a Go toolchain ({@code apt-get install
 * golang-1.19-go}) and the standard library's sources ({@code apt-get install golang-1.19-src});
 * skipped without them.
 */
class GoParserAgreementTest {
    private static final Path STANDARD_LIBRARY = Path.of("/usr/share/go-1.19/src");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsWhatGoParserFindsInTheStandardLibrary(@TempDir Path dir) throws Exception {
        Optional<Path> go = goToolchain();
        assumeTrue(go.isPresent(), "no Go toolchain; run `apt-get install golang-1.19-go` to compare with go/parser");
        assumeTrue(Files.isDirectory(STANDARD_LIBRARY),
                STANDARD_LIBRARY + " is not installed; run `apt-get install golang-1.19-src`");

        Path reference = buildReference(go.get(), dir);
        GoDatasetOptions options = GoDatasetOptions.builder(dir.resolve("unused.jsonl"),
                List.of(SourceTree.of(STANDARD_LIBRARY))).includeGenerated(true).build();
        List<Path> files = GoFileWalker.list(options).files().stream().map(GoSourceFile::path).toList();

        Map<String, JsonNode> expected = new HashMap<>();
        List<String> rejectedByGo = new ArrayList<>();
        for (JsonNode f : runReference(reference, files, dir)) {
            if (f.has("error")) {
                rejectedByGo.add(f.get("file").asText());
            } else {
                expected.put(f.get("file").asText() + "@" + f.get("start").asInt(), f);
            }
        }
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (Path file : files) {
            if (rejectedByGo.contains(file.toString())) {
                continue;
            }
            byte[] src = Files.readAllBytes(file);
            GoFileScan scan = GoFileScanner.scan(src, true);
            if (!(scan instanceof GoFileScan.Functions(List<GoFunction> functions))) {
                differences.add(file + ": go/parser accepts it, the extractor says " + scan);
                continue;
            }
            for (GoFunction f : functions) {
                JsonNode want = expected.remove(file + "@" + f.start());
                String got = f.name() + "|" + f.receiver() + "|" + f.doc() + "|" + f.end() + "|" + f.firstLine()
                        + "|" + f.lastLine() + "|" + f.bodyLines();
                String wanted = want == null ? "nothing" : want.get("name").asText() + "|" + want.get("receiver").asText()
                        + "|" + want.get("doc").asText() + "|" + want.get("end").asInt() + "|"
                        + want.get("firstLine").asInt() + "|" + want.get("lastLine").asInt() + "|"
                        + want.get("bodyLines").asInt();
                if (!got.equals(wanted)) {
                    differences.add(file + "@" + f.start() + ": extractor " + got + ", go/parser " + wanted);
                }
                compared++;
            }
        }
        expected.keySet().forEach(missed -> differences.add(missed + ": found by go/parser only"));
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(20_000);
        assertThat(rejectedByGo).hasSizeLessThan(5);
    }

    private static Optional<Path> goToolchain() {
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty()).map(Path::of),
                Stream.of(Path.of("/usr/lib/go-1.19/bin"), Path.of("/usr/lib/go/bin")));
        return candidates.map(d -> d.resolve("go")).filter(Files::isExecutable).findFirst();
    }

    private static Path buildReference(Path go, Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("reference");
        Files.createDirectories(source);
        try (InputStream in = GoParserAgreementTest.class.getResourceAsStream("/go-reference/main.go")) {
            Files.copy(in, source.resolve("main.go"));
        }
        Files.writeString(source.resolve("go.mod"), "module reference\n\ngo 1.19\n");
        Path binary = dir.resolve("reference-bin");
        ProcessBuilder build = new ProcessBuilder(go.toString(), "build", "-o", binary.toString(), ".")
                .directory(source.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile());
        build.environment().put("GOCACHE", dir.resolve("gocache").toString());
        build.environment().put("GOPATH", dir.resolve("gopath").toString());
        build.environment().put("GOFLAGS", "-mod=mod");
        build.environment().put("GOPROXY", "off");
        Process process = build.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("building the go/parser reference took more than 5 minutes");
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("build.log"))).isZero();
        return binary;
    }

    private static List<JsonNode> runReference(Path binary, List<Path> files, Path dir)
            throws IOException, InterruptedException {
        Path input = dir.resolve("files.txt");
        Files.write(input, files.stream().map(Path::toString).toList());
        Process process = new ProcessBuilder(binary.toString())
                .redirectInput(input.toFile())
                .redirectError(dir.resolve("reference.log").toFile())
                .start();
        List<JsonNode> out = new ArrayList<>();
        try (OutputStream ignored = process.getOutputStream();
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.add(JSON.readTree(line));
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the go/parser reference took more than 5 minutes");
        }
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
