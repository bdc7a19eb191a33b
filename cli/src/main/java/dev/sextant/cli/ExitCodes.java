package dev.sextant.cli;

/** Exit codes of the {@code sextant} command. */
final class ExitCodes {
    private ExitCodes() {}

    /** Everything worked. */
    static final int OK = 0;
    /** Something failed at run time (a server could not start, an I/O error). */
    static final int FAILURE = 1;
    /** The input was wrong: bad arguments or an invalid configuration. */
    static final int INVALID_INPUT = 2;
}
