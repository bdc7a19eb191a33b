package dev.sextant.dataset;

/**
 * The escapes allowed in Go's interpreted strings and runes: a backslash followed by one of
 * {@code a b f n r t v} or a backslash, the literal's own quote, three octal digits up to 255,
 * {@code x} and two hex digits, or {@code u} and {@code U} with four and eight hex digits naming a code
 * point that is not a surrogate.
 */
final class EscapeSequence {
    private EscapeSequence() {}

    /**
     * Checks the escape whose backslash is just before {@code from} and returns the offset after it.
     *
     * @param quote {@code '"'} in a string, {@code '\''} in a rune
     * @param line the line, for the error
     * @throws MalformedGoSourceException when the escape is not one of Go's
     */
    static int end(byte[] src, int from, int limit, char quote, int line) {
        if (from >= limit) {
            throw new MalformedGoSourceException(line, "escape sequence not terminated");
        }
        int c = src[from];
        int digits;
        int base;
        int max;
        int p = from;
        switch (c) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return from + 1;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                p++;
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                p++;
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                p++;
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            default -> {
                if (c == quote) {
                    return from + 1;
                }
                throw new MalformedGoSourceException(line, "unknown escape sequence");
            }
        }
        long value = 0;
        for (int i = 0; i < digits; i++, p++) {
            int d = p < limit ? Character.digit(src[p], base) : -1;
            if (d < 0) {
                throw new MalformedGoSourceException(line, p < limit && src[p] != '\n'
                        ? "illegal character in escape sequence"
                        : "escape sequence not terminated");
            }
            value = value * base + d;
        }
        if (value > max || value >= 0xD800 && value < 0xE000) {
            throw new MalformedGoSourceException(line, "escape sequence is invalid Unicode code point");
        }
        return p;
    }
}
