package dev.sextant.plugins.scorer.prefix;

import java.util.Objects;

/**
 * XXH64, the 64-bit xxHash of Yann Collet (the hash GIE's approximate prefix scorer uses), written
 * from the published specification.
 *
 * <p>Two entry points: {@link #hash(byte[], int, int, long)} over bytes, and
 * {@link #hashChars(char[], int, int, long, long)} over a run of UTF-16 code units followed by
 * eight more bytes, read as the UTF-16LE encoding of those chars without encoding them first, which
 * is what the prefix hasher wants for 32k-char prompts.
 *
 * <p>Stateless and thread-safe.
 */
public final class Xxh64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private Xxh64() {}

    /** XXH64 of {@code length} bytes of {@code data} from {@code offset}, with {@code seed}. */
    public static long hash(byte[] data, int offset, int length, long seed) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int p = offset;
        int end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            for (int limit = end - 32; p <= limit; p += 32) {
                v1 = round(v1, longLE(data, p));
                v2 = round(v2, longLE(data, p + 8));
                v3 = round(v3, longLE(data, p + 16));
                v4 = round(v4, longLE(data, p + 24));
            }
            h = converge(v1, v2, v3, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; p + 8 <= end; p += 8) {
            h = mixLane(h, longLE(data, p));
        }
        if (p + 4 <= end) {
            h ^= (intLE(data, p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        for (; p < end; p++) {
            h ^= (data[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        return avalanche(h);
    }

    /**
     * XXH64 of the UTF-16LE bytes of {@code chars} code units of {@code text} from {@code from},
     * followed by the eight little-endian bytes of {@code suffix}: the same value as {@link #hash}
     * over those {@code 2·chars + 8} bytes.
     *
     * @param chars a multiple of 4 (so that every 64-bit lane holds whole chars)
     */
    public static long hashChars(char[] text, int from, int chars, long suffix, long seed) {
        Objects.checkFromIndexSize(from, chars, text.length);
        if ((chars & 3) != 0) {
            throw new IllegalArgumentException("chars: " + chars + " (expected: a multiple of 4)");
        }
        int lanes = chars / 4 + 1;
        long length = 8L * lanes;
        int lane = 0;
        int p = from;
        long h;
        if (lanes >= 4) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            boolean suffixEndsAStripe = lanes % 4 == 0;
            int textStripes = lanes / 4 - (suffixEndsAStripe ? 1 : 0);
            for (int s = 0; s < textStripes; s++, lane += 4, p += 16) {
                v1 = round(v1, charLane(text, p));
                v2 = round(v2, charLane(text, p + 4));
                v3 = round(v3, charLane(text, p + 8));
                v4 = round(v4, charLane(text, p + 12));
            }
            if (suffixEndsAStripe) {
                v1 = round(v1, charLane(text, p));
                v2 = round(v2, charLane(text, p + 4));
                v3 = round(v3, charLane(text, p + 8));
                v4 = round(v4, suffix);
                lane += 4;
                p += 12;
            }
            h = converge(v1, v2, v3, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; lane < lanes - 1; lane++, p += 4) {
            h = mixLane(h, charLane(text, p));
        }
        if (lane < lanes) {
            h = mixLane(h, suffix);
        }
        return avalanche(h);
    }

    private static long round(long acc, long lane) {
        acc += lane * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long v) {
        acc ^= round(0, v);
        return acc * P1 + P4;
    }

    private static long converge(long v1, long v2, long v3, long v4) {
        long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        return mergeRound(h, v4);
    }

    private static long mixLane(long h, long lane) {
        h ^= round(0, lane);
        return Long.rotateLeft(h, 27) * P1 + P4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        return h ^ (h >>> 32);
    }

    private static long charLane(char[] text, int p) {
        return text[p] | (long) text[p + 1] << 16 | (long) text[p + 2] << 32 | (long) text[p + 3] << 48;
    }

    private static long longLE(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48
                | (b[p + 7] & 0xFFL) << 56;
    }

    private static int intLE(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
