package dev.sextant.dataset;

import java.util.List;

/** What scanning one Go file found: its functions, or why the file is skipped. */
sealed interface GoFileScan {

    /** A well-formed file and its top-level functions and methods, in source order. */
    record Functions(List<GoFunction> functions) implements GoFileScan {
        public Functions {
            functions = List.copyOf(functions);
        }
    }

    /** A file marked {@code // Code generated ... DO NOT EDIT.} before its package clause. */
    record Generated() implements GoFileScan {}

    /**
     * A file that is not valid Go source.
     *
     * @param reason {@link FileSkipReason#NOT_UTF8} or {@link FileSkipReason#MALFORMED}
     * @param line the 1-based line of the problem
     * @param message what is wrong, in go/scanner's words where it has them
     */
    record Rejected(FileSkipReason reason, int line, String message) implements GoFileScan {}
}
