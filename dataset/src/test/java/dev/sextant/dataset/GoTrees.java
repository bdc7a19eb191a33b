package dev.sextant.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing small Go trees in temporary directories. */
final class GoTrees {
    private GoTrees() {}

    /** Writes {@code text} to {@code root/relative}, creating directories. */
    static Path write(Path root, String relative, String text) {
        return write(root, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A package with one documented function {@code name} whose body has {@code lines} lines. */
    static String function(String pkg, String name, int lines) {
        StringBuilder body = new StringBuilder();
        for (int i = 2; i < lines; i++) {
            body.append("\tx += ").append(i).append('\n');
        }
        return "package " + pkg + "\n\n// " + name + " adds up.\nfunc " + name + "() (x int) {\n" + body + "}\n";
    }
}
