package dev.sextant.dataset;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new hidden file next to the output, such as {@code .pairs.jsonl.3f9a….partial}: on the same file
 * system, so that it can replace the output atomically, and with the permissions a new file normally
 * gets. Closing deletes it unless it was moved.
 */
final class SiblingFile implements AutoCloseable {
    private final Path path;
    private boolean moved;

    private SiblingFile(Path path) {
        this.path = path;
    }

    /** Creates an empty sibling of {@code output} whose name ends with {@code .suffix}. */
    static SiblingFile create(Path output, String suffix) throws IOException {
        Path absolute = output.toAbsolutePath();
        Path dir = absolute.getParent();
        while (true) {
            String name = "." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + "." + suffix;
            try {
                return new SiblingFile(Files.createFile(dir.resolve(name)));
            } catch (FileAlreadyExistsException e) {
                // a name taken by a concurrent run: draw another
            }
        }
    }

    Path path() {
        return path;
    }

    /** Replaces {@code target} with this file, atomically where the file system can. */
    void moveTo(Path target) throws IOException {
        try {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
        moved = true;
    }

    @Override
    public void close() throws IOException {
        if (!moved) {
            Files.deleteIfExists(path);
        }
    }
}
