package dev.sextant.plugins.datalayer.prometheus;

import dev.sextant.api.SextantException;

/**
 * The text given to {@link PrometheusTextParser} is not a Prometheus exposition at all: not one of
 * its lines is a sample, a {@code HELP} or a {@code TYPE} line, and at least one line is malformed
 * (an HTML error page, JSON, binary data). A document with some valid lines is never refused: its
 * malformed lines are skipped and counted in {@link ParsedMetrics#skippedLines()}.
 */
public final class PrometheusParseException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final int skippedLines;

    PrometheusParseException(int skippedLines, String firstProblem) {
        super("not a Prometheus text exposition: none of its lines is valid (" + skippedLines
                + " malformed, first " + firstProblem + ")");
        this.skippedLines = skippedLines;
    }

    /** How many lines were malformed; every non-blank, non-comment line. */
    public int skippedLines() {
        return skippedLines;
    }
}
