package dev.sextant.dataset;

/**
 * A Go file that breaks the language's lexical rules or is not a well-bracketed source file. It never
 * leaves this package: the file is reported and skipped.
 */
final class MalformedGoSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    MalformedGoSourceException(int line, String message) {
        // Thrown once per bad file and always caught here, so a stack trace would only cost time.
        super(message, null, false, false);
        this.line = line;
    }

    /** The 1-based line where the problem starts. */
    int line() {
        return line;
    }
}
