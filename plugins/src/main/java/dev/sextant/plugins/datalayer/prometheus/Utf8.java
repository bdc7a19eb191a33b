package dev.sextant.plugins.datalayer.prometheus;

/** Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
final class Utf8 {
    private Utf8() {}

    static boolean isValid(byte[] text, int from, int to) {
        int p = from;
        while (p < to) {
            int b = text[p] & 0xff;
            if (b < 0x80) {
                p++;
                continue;
            }
            int length;
            int min = 0x80;
            int max = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                if (b == 0xe0) {
                    min = 0xa0;
                } else if (b == 0xed) {
                    max = 0x9f;
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                if (b == 0xf0) {
                    min = 0x90;
                } else if (b == 0xf4) {
                    max = 0x8f;
                }
            } else {
                return false;
            }
            if (p + length > to) {
                return false;
            }
            int second = text[p + 1] & 0xff;
            if (second < min || second > max) {
                return false;
            }
            for (int i = 2; i < length; i++) {
                if ((text[p + i] & 0xc0) != 0x80) {
                    return false;
                }
            }
            p += length;
        }
        return true;
    }
}
