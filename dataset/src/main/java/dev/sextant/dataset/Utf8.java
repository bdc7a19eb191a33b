package dev.sextant.dataset;

/** Well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
    private Utf8() {}

    /**
     * The length of the well-formed sequence starting with the non-ASCII byte at {@code i}, or 0 when
     * there is none before {@code limit}.
     */
    static int sequenceLength(byte[] src, int i, int limit) {
        int b0 = src[i] & 0xff;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            return i + 1 < limit && isContinuation(src[i + 1]) ? 2 : 0;
        }
        if (b0 >= 0xe0 && b0 <= 0xef) {
            if (i + 2 >= limit) {
                return 0;
            }
            int b1 = src[i + 1] & 0xff;
            int low = b0 == 0xe0 ? 0xa0 : 0x80;
            int high = b0 == 0xed ? 0x9f : 0xbf;
            return b1 >= low && b1 <= high && isContinuation(src[i + 2]) ? 3 : 0;
        }
        if (b0 >= 0xf0 && b0 <= 0xf4) {
            if (i + 3 >= limit) {
                return 0;
            }
            int b1 = src[i + 1] & 0xff;
            int low = b0 == 0xf0 ? 0x90 : 0x80;
            int high = b0 == 0xf4 ? 0x8f : 0xbf;
            return b1 >= low && b1 <= high && isContinuation(src[i + 2]) && isContinuation(src[i + 3]) ? 4 : 0;
        }
        return 0;
    }

    /** The code point of the non-ASCII sequence at {@code i}, or -1 when it is not well formed. */
    static int codePointAt(byte[] src, int i, int limit) {
        int length = sequenceLength(src, i, limit);
        if (length == 0) {
            return -1;
        }
        int cp = src[i] & (0x7f >> length);
        for (int k = 1; k < length; k++) {
            cp = cp << 6 | src[i + k] & 0x3f;
        }
        return cp;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
