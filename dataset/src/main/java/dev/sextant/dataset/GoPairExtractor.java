package dev.sextant.dataset;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Go source trees into instruction/output training pairs: every documented top-level function or
 * method whose body is long enough becomes one JSON line, its doc comment the instruction and its
 * source (signature to closing brace) the output. See {@link GoDatasetOptions} for what is read and
 * kept.
 *
 * <p>Files are read one at a time and pairs stream to the output (or, when shuffling, to a scratch
 * file), so memory stays bounded by the largest file plus 16 bytes per pair for duplicate detection.
 * A file that is not valid Go is reported to the listener and skipped; only I/O errors on the output
 * end a run. The output file appears, atomically, only when the run succeeds.
 */
public final class GoPairExtractor {
    private final GoDatasetOptions options;
    private final ExtractionListener listener;
    private final PairFilter filter;
    private final Map<FileSkipReason, Long> skipped = new EnumMap<>(FileSkipReason.class);
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private long filesRead;
    private long bytesRead;
    private long functionsSeen;
    private long pairsKept;

    private GoPairExtractor(GoDatasetOptions options, ExtractionListener listener) {
        this.options = options;
        this.listener = listener;
        this.filter = new PairFilter(options.minBodyLines());
    }

    /**
     * Runs one extraction on the calling thread.
     *
     * @throws NoSuchFileException if a tree's root or the output's directory does not exist
     * @throws NotDirectoryException if a tree's root is not a directory
     * @throws IOException if the output cannot be written
     */
    public static ExtractionSummary extract(GoDatasetOptions options, ExtractionListener listener) throws IOException {
        requireNonNull(options, "options");
        requireNonNull(listener, "listener");
        for (SourceTree tree : options.trees()) {
            if (!Files.exists(tree.root())) {
                throw new NoSuchFileException(tree.root().toString(), null, "no such directory");
            }
            if (!Files.isDirectory(tree.root())) {
                throw new NotDirectoryException(tree.root().toString());
            }
        }
        return new GoPairExtractor(options, listener).run();
    }

    private ExtractionSummary run() throws IOException {
        GoFileWalker.Listing listing = GoFileWalker.list(options);
        listing.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
        listing.problems().forEach(listener::problem);
        long filesFound = listing.files().size() + listing.skipped().entrySet().stream()
                .filter(e -> e.getKey() != FileSkipReason.UNREADABLE)
                .mapToLong(Map.Entry::getValue).sum();
        long bytesTotal = listing.files().stream().mapToLong(GoSourceFile::size).sum();

        long[] written;
        try (SiblingFile partial = SiblingFile.create(options.output(), "partial")) {
            try (PairSink sink = sinkFor(partial.path())) {
                long filesDone = 0;
                long bytesDone = 0;
                for (GoSourceFile file : listing.files()) {
                    extract(file, sink);
                    filesDone++;
                    bytesDone += file.size();
                    listener.progress(new Progress(filesDone, listing.files().size(), bytesDone, bytesTotal, pairsKept));
                }
                written = sink.finish();
            }
            partial.moveTo(options.output());
        }

        Map<String, Long> perRepo = new LinkedHashMap<>();
        for (int i = 0; i < written.length; i++) {
            perRepo.merge(options.trees().get(i).name(), written[i], Long::sum);
        }
        long writtenTotal = perRepo.values().stream().mapToLong(Long::longValue).sum();
        if (pairsKept > writtenTotal) {
            dropped.put(DropReason.OVER_MAX_PAIRS, pairsKept - writtenTotal);
        }
        return new ExtractionSummary(filesFound, filesRead, bytesRead, skipped, functionsSeen, perRepo, dropped);
    }

    private PairSink sinkFor(Path output) throws IOException {
        return switch (options.order()) {
            case PairOrder.SourceOrder ignored -> new InOrderSink(output, options.trees(), options.maxPairs());
            case PairOrder.Shuffled shuffled ->
                    new ShufflingSink(output, options.trees(), options.maxPairs(), shuffled.seed());
        };
    }

    private void extract(GoSourceFile file, PairSink sink) throws IOException {
        if (file.size() > options.maxFileBytes()) {
            skip(file, 0, FileSkipReason.TOO_LARGE, tooLarge(file.size()));
            return;
        }
        byte[] src;
        try {
            src = readAtMost(file.path(), options.maxFileBytes());
        } catch (IOException e) {
            skip(file, 0, FileSkipReason.UNREADABLE, "cannot read: " + e.getMessage());
            return;
        }
        if (src == null) { // it grew since the walk
            skip(file, 0, FileSkipReason.TOO_LARGE, "more than " + options.maxFileBytes() + " bytes (the limit)");
            return;
        }
        filesRead++;
        bytesRead += src.length;
        switch (GoFileScanner.scan(src, options.includeGenerated())) {
            case GoFileScan.Rejected rejected -> skip(file, rejected.line(), rejected.reason(), rejected.message());
            case GoFileScan.Generated generated -> skipped.merge(FileSkipReason.GENERATED, 1L, Long::sum);
            case GoFileScan.Functions found -> {
                for (GoFunction function : found.functions()) {
                    functionsSeen++;
                    Optional<DropReason> drop = filter.verdict(function, src);
                    if (drop.isPresent()) {
                        dropped.merge(drop.get(), 1L, Long::sum);
                    } else {
                        sink.accept(file, src, function);
                        pairsKept++;
                    }
                }
            }
        }
    }

    private void skip(GoSourceFile file, int line, FileSkipReason reason, String message) {
        skipped.merge(reason, 1L, Long::sum);
        listener.problem(new FileProblem(file.path(), line, reason, message));
    }

    private String tooLarge(long size) {
        return size + " bytes (limit: " + options.maxFileBytes() + ")";
    }

    /** The file's bytes, or null when it holds more than {@code limit} (it may have grown since the walk). */
    private static byte[] readAtMost(Path path, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(limit);
            return in.read() < 0 ? bytes : null;
        }
    }
}
