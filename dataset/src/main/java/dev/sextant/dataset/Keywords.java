package dev.sextant.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Go's 25 keywords, recognised in place in the source bytes so that no identifier becomes a String. */
final class Keywords {
    private static final List<String> ALL = List.of(
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
            "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
            "switch", "type", "var");
    private static final byte[][] WORDS = ALL.stream().map(k -> k.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    /** Indexes into WORDS of the keywords with each first letter, 'a' to 'z'. */
    private static final int[][] BY_FIRST_LETTER = new int[26][];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            final char first = c;
            BY_FIRST_LETTER[c - 'a'] = java.util.stream.IntStream.range(0, ALL.size())
                    .filter(i -> ALL.get(i).charAt(0) == first).toArray();
        }
    }

    private Keywords() {}

    /** The token kind of the identifier-shaped word {@code src[start, start + length)}. */
    static GoToken classify(byte[] src, int start, int length) {
        int keyword = find(src, start, length);
        if (keyword < 0) {
            return GoToken.IDENT;
        }
        return switch (ALL.get(keyword)) {
            case "func" -> GoToken.FUNC;
            case "package" -> GoToken.PACKAGE;
            case "struct" -> GoToken.STRUCT;
            case "interface" -> GoToken.INTERFACE;
            default -> GoToken.KEYWORD;
        };
    }

    /** Whether the word is one of the keywords after which a line end inserts a semicolon. */
    static boolean endsStatement(byte[] src, int start, int length) {
        int keyword = find(src, start, length);
        return keyword >= 0 && switch (ALL.get(keyword)) {
            case "break", "continue", "fallthrough", "return" -> true;
            default -> false;
        };
    }

    private static int find(byte[] src, int start, int length) {
        int first = src[start] - 'a';
        if (length < 2 || length > 11 || first < 0 || first >= 26) {
            return -1;
        }
        for (int i : BY_FIRST_LETTER[first]) {
            byte[] word = WORDS[i];
            if (word.length == length && Arrays.equals(src, start, start + length, word, 0, length)) {
                return i;
            }
        }
        return -1;
    }
}
