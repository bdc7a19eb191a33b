package dev.sextant.dataset;

/** Go's 25 keywords, recognised in place in the source bytes so that no identifier becomes a String. */
final class Keywords {
    private static final String[][] BY_LENGTH = new String[12][];

    static {
        String[] all = {
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
            "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
            "struct", "switch", "type", "var"
        };
        for (int n = 0; n < BY_LENGTH.length; n++) {
            final int length = n;
            BY_LENGTH[n] = java.util.Arrays.stream(all).filter(k -> k.length() == length).toArray(String[]::new);
        }
    }

    private Keywords() {}

    /** The token kind of the identifier-shaped word {@code src[start, start + length)}. */
    static GoToken classify(byte[] src, int start, int length) {
        String keyword = find(src, start, length);
        if (keyword == null) {
            return GoToken.IDENT;
        }
        return switch (keyword) {
            case "func" -> GoToken.FUNC;
            case "package" -> GoToken.PACKAGE;
            case "struct" -> GoToken.STRUCT;
            case "interface" -> GoToken.INTERFACE;
            default -> GoToken.KEYWORD;
        };
    }

    /** Whether the word is one of the keywords after which a line end inserts a semicolon. */
    static boolean endsStatement(byte[] src, int start, int length) {
        String keyword = find(src, start, length);
        return keyword != null && switch (keyword) {
            case "break", "continue", "fallthrough", "return" -> true;
            default -> false;
        };
    }

    private static String find(byte[] src, int start, int length) {
        if (length < 2 || length >= BY_LENGTH.length || src[start] < 'a' || src[start] > 'z') {
            return null;
        }
        for (String keyword : BY_LENGTH[length]) {
            if (matches(src, start, keyword)) {
                return keyword;
            }
        }
        return null;
    }

    private static boolean matches(byte[] src, int start, String keyword) {
        for (int i = 0; i < keyword.length(); i++) {
            if (src[start + i] != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
