package dev.sextant.dataset;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link GoPairExtractor} reads, what it keeps and where it writes. Build with
 * {@link #builder(Path, List)}.
 *
 * @param trees the source trees, in the order their pairs come; at least one
 * @param output the JSON-lines file to write (replaced atomically when the run succeeds)
 * @param minBodyLines the fewest lines a body may span, braces included; 0 or 1 keep every body
 * @param includeTests whether {@code _test.go} files are read
 * @param includeVendor whether files under {@code vendor/} directories are read
 * @param includeTestdata whether files under {@code testdata/} directories are read
 * @param includeGenerated whether files marked {@code // Code generated ... DO NOT EDIT.} are read
 * @param maxPairs the most pairs written; beyond it pairs are dropped (a random subsample when
 *     {@code order} is shuffled, the first ones otherwise)
 * @param order the order of the pairs in the output
 * @param maxFileBytes files larger than this are skipped, so one huge file cannot exhaust the heap
 */
public record GoDatasetOptions(
        List<SourceTree> trees,
        Path output,
        int minBodyLines,
        boolean includeTests,
        boolean includeVendor,
        boolean includeTestdata,
        boolean includeGenerated,
        long maxPairs,
        PairOrder order,
        int maxFileBytes) {

    /** The default {@code minBodyLines}. */
    public static final int DEFAULT_MIN_BODY_LINES = 5;
    /** The default {@code maxFileBytes}: 16 MiB, four times the largest Go file in common corpora. */
    public static final int DEFAULT_MAX_FILE_BYTES = 16 << 20;

    public GoDatasetOptions {
        trees = List.copyOf(requireNonNull(trees, "trees"));
        requireNonNull(output, "output");
        requireNonNull(order, "order");
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("trees: [] (expected: at least one)");
        }
        if (minBodyLines < 0) {
            throw new IllegalArgumentException("minBodyLines: " + minBodyLines + " (expected: >= 0)");
        }
        if (maxPairs <= 0) {
            throw new IllegalArgumentException("maxPairs: " + maxPairs + " (expected: > 0)");
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes: " + maxFileBytes + " (expected: > 0)");
        }
    }

    /** A builder with the defaults: minimum body 5 lines, no tests, vendor, testdata or generated code. */
    public static Builder builder(Path output, List<SourceTree> trees) {
        return new Builder(output, trees);
    }

    /** Builds {@link GoDatasetOptions}; every setter returns the builder. */
    public static final class Builder {
        private final Path output;
        private final List<SourceTree> trees;
        private int minBodyLines = DEFAULT_MIN_BODY_LINES;
        private boolean includeTests;
        private boolean includeVendor;
        private boolean includeTestdata;
        private boolean includeGenerated;
        private long maxPairs = Long.MAX_VALUE;
        private PairOrder order = new PairOrder.SourceOrder();
        private int maxFileBytes = DEFAULT_MAX_FILE_BYTES;

        private Builder(Path output, List<SourceTree> trees) {
            this.output = requireNonNull(output, "output");
            this.trees = List.copyOf(requireNonNull(trees, "trees"));
        }

        /** Sets {@link GoDatasetOptions#minBodyLines()}. */
        public Builder minBodyLines(int lines) {
            this.minBodyLines = lines;
            return this;
        }

        /** Sets {@link GoDatasetOptions#includeTests()}. */
        public Builder includeTests(boolean include) {
            this.includeTests = include;
            return this;
        }

        /** Sets {@link GoDatasetOptions#includeVendor()}. */
        public Builder includeVendor(boolean include) {
            this.includeVendor = include;
            return this;
        }

        /** Sets {@link GoDatasetOptions#includeTestdata()}. */
        public Builder includeTestdata(boolean include) {
            this.includeTestdata = include;
            return this;
        }

        /** Sets {@link GoDatasetOptions#includeGenerated()}. */
        public Builder includeGenerated(boolean include) {
            this.includeGenerated = include;
            return this;
        }

        /** Sets {@link GoDatasetOptions#maxPairs()}. */
        public Builder maxPairs(long pairs) {
            this.maxPairs = pairs;
            return this;
        }

        /** Sets {@link GoDatasetOptions#order()}. */
        public Builder order(PairOrder pairOrder) {
            this.order = requireNonNull(pairOrder, "pairOrder");
            return this;
        }

        /** Sets {@link GoDatasetOptions#maxFileBytes()}. */
        public Builder maxFileBytes(int bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} naming the first bad value. */
        public GoDatasetOptions build() {
            return new GoDatasetOptions(trees, output, minBodyLines, includeTests, includeVendor, includeTestdata,
                    includeGenerated, maxPairs, order, maxFileBytes);
        }
    }
}
