package dev.sextant.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The byte-level rules go/scanner applies before any token: the file is UTF-8, contains no NUL, and
 * has a byte order mark only as its very first character (where it is ignored).
 */
final class SourceEncoding {
    private static final int BOM_LENGTH = 3;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private SourceEncoding() {}

    /** Where tokens start: after a leading byte order mark, if there is one. */
    static int contentStart(byte[] src) {
        return hasBom(src, 0) ? BOM_LENGTH : 0;
    }

    /** The first encoding problem of {@code src}, if any. */
    static Optional<GoFileScan.Rejected> check(byte[] src) {
        int i = contentStart(src);
        int n = src.length;
        while (i < n) {
            // Eight bytes at a time while they are all ASCII and none is NUL: nearly all of a Go file.
            if (i + Long.BYTES <= n) {
                long word = (long) LONGS.get(src, i);
                if ((word & HIGH_BITS) == 0 && ((word - LOW_BITS) & ~word & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                    continue;
                }
            }
            int b = src[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return reject(FileSkipReason.MALFORMED, src, i, "illegal character NUL");
            }
            int length = Utf8.sequenceLength(src, i, n);
            if (length == 0) {
                return reject(FileSkipReason.NOT_UTF8, src, i, "illegal UTF-8 encoding");
            }
            if (hasBom(src, i)) {
                return reject(FileSkipReason.MALFORMED, src, i, "illegal byte order mark");
            }
            i += length;
        }
        return Optional.empty();
    }

    private static Optional<GoFileScan.Rejected> reject(FileSkipReason reason, byte[] src, int offset, String message) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (src[i] == '\n') {
                line++;
            }
        }
        return Optional.of(new GoFileScan.Rejected(reason, line, message));
    }

    private static boolean hasBom(byte[] src, int i) {
        return i + 2 < src.length && src[i] == (byte) 0xef && src[i + 1] == (byte) 0xbb && src[i + 2] == (byte) 0xbf;
    }
}
