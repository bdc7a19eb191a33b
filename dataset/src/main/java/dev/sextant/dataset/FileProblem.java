package dev.sextant.dataset;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A file or directory that was skipped because something is wrong with it.
 *
 * @param file the file or directory
 * @param line the 1-based line of the problem; 0 when it concerns the whole file
 * @param reason why it was skipped
 * @param message what is wrong
 */
public record FileProblem(Path file, int line, FileSkipReason reason, String message) {

    public FileProblem {
        requireNonNull(file, "file");
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
    }

    /** {@code file:line: message}, or {@code file: message} without a line. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
