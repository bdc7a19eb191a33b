package dev.sextant.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the {@code .go} files of the source trees in a fixed order (trees as given, each directory's
 * files by name, then its subdirectories by name) and decides which ones are read. Like the go tool it
 * never enters directories whose names start with {@code .} or {@code _}; it never follows symbolic
 * links, so a link cannot loop or bring in a tree twice.
 */
final class GoFileWalker {

    /**
     * The walk's result.
     *
     * @param files the files to read, in order
     * @param skipped the files not to read, by reason
     * @param problems directories that could not be listed
     */
    record Listing(List<GoSourceFile> files, Map<FileSkipReason, Long> skipped, List<FileProblem> problems) {}

    private final GoDatasetOptions options;
    private final List<GoSourceFile> files = new ArrayList<>();
    private final Map<FileSkipReason, Long> skipped = new EnumMap<>(FileSkipReason.class);
    private final List<FileProblem> problems = new ArrayList<>();

    private GoFileWalker(GoDatasetOptions options) {
        this.options = options;
    }

    /** Walks every tree of {@code options}. */
    static Listing list(GoDatasetOptions options) {
        GoFileWalker walker = new GoFileWalker(options);
        for (int i = 0; i < options.trees().size(); i++) {
            walker.walk(i, options.trees().get(i).root());
        }
        return new Listing(List.copyOf(walker.files), walker.skipped, List.copyOf(walker.problems));
    }

    private record Directory(Path path, String relativePath, boolean vendor, boolean testdata) {}

    private void walk(int tree, Path root) {
        Deque<Directory> pending = new ArrayDeque<>();
        pending.push(new Directory(root, "", false, false));
        while (!pending.isEmpty()) {
            Directory dir = pending.pop();
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.path())) {
                stream.forEach(entries::add);
            } catch (IOException | RuntimeException e) {
                skip(FileSkipReason.UNREADABLE);
                problems.add(new FileProblem(dir.path(), 0, FileSkipReason.UNREADABLE,
                        "cannot list directory: " + describe(e)));
                continue;
            }
            entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            List<Directory> subdirectories = new ArrayList<>();
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // vanished since the listing
                }
                String relative = dir.relativePath().isEmpty() ? name : dir.relativePath() + "/" + name;
                if (attributes.isDirectory()) {
                    if (!name.startsWith(".") && !name.startsWith("_")) {
                        subdirectories.add(new Directory(entry, relative,
                                dir.vendor() || name.equals("vendor"), dir.testdata() || name.equals("testdata")));
                    }
                } else if (attributes.isRegularFile() && name.endsWith(".go")) {
                    FileSkipReason reason = skipReason(dir, name);
                    if (reason == null) {
                        files.add(new GoSourceFile(tree, entry, relative, attributes.size()));
                    } else {
                        skip(reason);
                    }
                }
            }
            for (int i = subdirectories.size() - 1; i >= 0; i--) {
                pending.push(subdirectories.get(i));
            }
        }
    }

    /** Why a file is not read, or null when it is. */
    private FileSkipReason skipReason(Directory dir, String name) {
        if (dir.vendor() && !options.includeVendor()) {
            return FileSkipReason.VENDOR;
        }
        if (dir.testdata() && !options.includeTestdata()) {
            return FileSkipReason.TESTDATA;
        }
        if (name.startsWith(".") || name.startsWith("_")) {
            return FileSkipReason.IGNORED_NAME;
        }
        if (name.endsWith("_test.go") && !options.includeTests()) {
            return FileSkipReason.TEST_FILE;
        }
        return null;
    }

    private void skip(FileSkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
