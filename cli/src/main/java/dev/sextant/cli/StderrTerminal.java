package dev.sextant.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard error is a terminal, where a progress bar may be drawn. */
final class StderrTerminal {
    private StderrTerminal() {}

    static boolean isTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        // Java can only ask about the console as a whole; on Linux the descriptor itself says.
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
