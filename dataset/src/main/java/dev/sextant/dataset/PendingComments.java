package dev.sextant.dataset;

import java.util.Arrays;

/**
 * The comments between the previous token and the next one, and go/parser's rule for which of them
 * become the next declaration's doc comment.
 */
final class PendingComments {
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] lines = new int[8];
    private int[] endLines = new int[8];
    private int size;

    void clear() {
        size = 0;
    }

    /** Records the lexer's current token, which is a comment. */
    void add(GoLexer lexer) {
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            lines = Arrays.copyOf(lines, n);
            endLines = Arrays.copyOf(endLines, n);
        }
        starts[size] = lexer.start();
        ends[size] = lexer.end();
        lines[size] = lexer.line();
        endLines[size] = lexer.endLine();
        size++;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /**
     * The index of the first comment of the lead comment group before a token on {@code tokenLine}, or
     * -1 when there is none. As in go/parser: comments starting on the previous token's line form a
     * line comment, never a doc; the rest split into groups wherever a blank line separates two
     * comments; the last group is the doc only if it ends on the line just above the token.
     */
    int leadGroupStart(int previousTokenLine, int tokenLine) {
        int i = 0;
        if (size > 0 && lines[0] == previousTokenLine) {
            int end = lines[0];
            while (i < size && lines[i] <= end) {
                end = endLines[i++];
            }
        }
        int groupEnd = -1;
        int groupStart = -1;
        while (i < size) {
            groupStart = i;
            groupEnd = lines[i];
            while (i < size && lines[i] <= groupEnd + 1) {
                groupEnd = endLines[i++];
            }
        }
        return groupEnd + 1 == tokenLine ? groupStart : -1;
    }
}
