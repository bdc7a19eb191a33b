package dev.sextant.cli;

import dev.sextant.dataset.ExtractionSummary;
import dev.sextant.dataset.GoDatasetOptions;
import dev.sextant.dataset.GoPairExtractor;
import dev.sextant.dataset.PairOrder;
import dev.sextant.dataset.SourceTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sextant dataset go}: instruction/output training pairs from Go source trees, one JSON object
 * per line: the doc comment is the instruction, the function's source the output.
 */
@Command(name = "go", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Extract instruction/output training pairs from Go source trees: every documented top-level",
            "function or method whose body is long enough becomes one JSON line with its doc comment as the",
            "instruction and its source (signature to closing brace) as the output, plus where it came from.",
            "Test files, vendor/, testdata/ and generated files are skipped unless asked; malformed and",
            "non-UTF-8 files are reported and skipped. Exit 0 when the pairs were written, 2 for bad",
            "arguments, 1 when the output could not be written."
        },
        footer = {"", "Example:",
            "  sextant dataset go --out pairs.jsonl --max-pairs 2000 --seed 1 std=/usr/share/go-1.19/src",
            "Format and training recipe: docs/dataset.md"})
final class DatasetGoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The JSON-lines file to write; replaced only when the run succeeds.")
    Path out;

    @Option(names = "--min-lines", paramLabel = "N", defaultValue = "5",
            description = "Keep functions whose body spans at least N lines, braces included (default: ${DEFAULT-VALUE}).")
    int minLines;

    @Option(names = "--include-tests", description = "Also read _test.go files.")
    boolean includeTests;

    @Option(names = "--include-vendor", description = "Also read files under vendor/ directories.")
    boolean includeVendor;

    @Option(names = "--include-testdata", description = "Also read files under testdata/ directories.")
    boolean includeTestdata;

    @Option(names = "--include-generated", description = "Also read files marked // Code generated ... DO NOT EDIT.")
    boolean includeGenerated;

    @Option(names = "--max-pairs", paramLabel = "N",
            description = "Write a random sample of at most N pairs, shuffled (seeded by --seed, default 0).")
    Long maxPairs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Shuffle the pairs with seed S; the same seed and input give the same output.")
    Long seed;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "16MiB", converter = ByteSizeConverter.class,
            description = "Skip files larger than SIZE, e.g. 16MiB or 512k (default: ${DEFAULT-VALUE}).")
    int maxFileBytes;

    @Parameters(arity = "1..*", paramLabel = "[NAME=]DIR",
            description = "Go source trees. A tree's pairs carry NAME as their repo; without NAME=, the"
                    + " directory's name (its parent's when it is called src).")
    List<String> trees;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GoDatasetOptions options = options();
        ProgressBar progress = new ProgressBar(err, StderrTerminal.isTerminal(), System::nanoTime);
        long started = System.nanoTime();
        ExtractionSummary summary;
        try {
            summary = GoPairExtractor.extract(options, progress);
        } catch (IOException e) {
            progress.clear();
            err.println("sextant: dataset go: cannot write " + out + ": " + e);
            err.flush();
            return ExitCodes.FAILURE;
        }
        progress.clear();
        out.print(DatasetSummaryText.render(summary, this.out, System.nanoTime() - started));
        out.flush();
        return ExitCodes.OK;
    }

    private GoDatasetOptions options() {
        if (minLines < 0) {
            throw usage("--min-lines: " + minLines + " (expected: >= 0)");
        }
        if (maxPairs != null && maxPairs <= 0) {
            throw usage("--max-pairs: " + maxPairs + " (expected: > 0)");
        }
        Path outDir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(outDir)) {
            throw usage("--out: " + out + ": directory " + outDir + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw usage("--out: " + out + " is a directory");
        }
        List<SourceTree> sourceTrees = new ArrayList<>();
        for (String argument : trees) {
            SourceTree tree = SourceTree.parse(argument);
            if (!Files.isDirectory(tree.root())) {
                throw usage(tree.root() + ": " + (Files.exists(tree.root()) ? "not a directory" : "no such directory"));
            }
            sourceTrees.add(tree);
        }
        GoDatasetOptions.Builder builder = GoDatasetOptions.builder(out, sourceTrees)
                .minBodyLines(minLines)
                .includeTests(includeTests)
                .includeVendor(includeVendor)
                .includeTestdata(includeTestdata)
                .includeGenerated(includeGenerated)
                .maxFileBytes(maxFileBytes);
        if (maxPairs != null) {
            builder.maxPairs(maxPairs);
        }
        if (seed != null || maxPairs != null) {
            builder.order(new PairOrder.Shuffled(seed == null ? 0 : seed));
        }
        return builder.build();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
