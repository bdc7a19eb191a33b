package dev.sextant.dataset;

import java.util.Arrays;

/** The brackets open at a point of a Go file, with the lines that opened them, for clear messages. */
final class BracketStack {
    private GoToken[] kinds = new GoToken[16];
    private int[] lines = new int[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** How many brackets are open. */
    int depth() {
        return size;
    }

    void open(GoToken bracket, int line) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        kinds[size] = bracket;
        lines[size] = line;
        size++;
    }

    /** Closes the innermost bracket with {@code bracket}, which must be its partner. */
    void close(GoToken bracket, int line) {
        if (size == 0) {
            throw new MalformedGoSourceException(line, "unexpected '" + bracket.bracket() + "'");
        }
        GoToken open = kinds[size - 1];
        if (partner(open) != bracket) {
            throw new MalformedGoSourceException(line, "'" + bracket.bracket() + "' does not close the '"
                    + open.bracket() + "' opened on line " + lines[size - 1]);
        }
        size--;
    }

    /** Opens or closes for a bracket token; ignores every other token. */
    void track(GoToken token, int line) {
        if (token.opens()) {
            open(token, line);
        } else if (token.closes()) {
            close(token, line);
        }
    }

    /** At the end of the file: every bracket must have been closed. */
    void requireEmpty() {
        if (size > 0) {
            throw new MalformedGoSourceException(lines[size - 1],
                    "'" + kinds[size - 1].bracket() + "' is never closed");
        }
    }

    private static GoToken partner(GoToken open) {
        return switch (open) {
            case LPAREN -> GoToken.RPAREN;
            case LBRACK -> GoToken.RBRACK;
            case LBRACE -> GoToken.RBRACE;
            default -> throw new IllegalStateException("not an opening bracket: " + open);
        };
    }
}
