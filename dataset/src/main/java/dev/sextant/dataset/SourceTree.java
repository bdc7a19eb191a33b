package dev.sextant.dataset;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Go source tree to read, and the repository name its pairs carry.
 *
 * @param name the repository name written with every pair from this tree; not blank
 * @param root the directory to walk
 */
public record SourceTree(String name, Path root) {

    public SourceTree {
        requireNonNull(name, "name");
        requireNonNull(root, "root");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
        }
    }

    /**
     * A tree named after its directory: the directory's own name, or its parent's when it is called
     * {@code src} (as in {@code /usr/share/go-1.19/src}, which gives {@code go-1.19}).
     */
    public static SourceTree of(Path root) {
        requireNonNull(root, "root");
        Path absolute = root.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (name != null && name.toString().equals("src") && absolute.getParent() != null
                && absolute.getParent().getFileName() != null) {
            name = absolute.getParent().getFileName();
        }
        return new SourceTree(name == null ? absolute.toString() : name.toString(), root);
    }

    /**
     * A tree from a command-line argument: {@code NAME=DIR} names the tree explicitly, a plain
     * {@code DIR} is named as {@link #of(Path)} does. An argument that is an existing directory is
     * always a plain directory, even if it contains {@code =}.
     */
    public static SourceTree parse(String argument) {
        requireNonNull(argument, "argument");
        int equals = argument.indexOf('=');
        if (equals > 0 && !Files.isDirectory(Path.of(argument))) {
            String name = argument.substring(0, equals);
            if (name.indexOf('/') < 0 && name.indexOf('\\') < 0) {
                return new SourceTree(name, Path.of(argument.substring(equals + 1)));
            }
        }
        return of(Path.of(argument));
    }
}
