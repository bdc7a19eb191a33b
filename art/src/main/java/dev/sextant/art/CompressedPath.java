package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The compressed path ("prefix") of an inner node: the bytes every key below the node shares between
 * the parent's key byte and the node's own key bytes.
 *
 * <p>A node stores the first {@value #STORED} bytes packed big-endian into a {@code long} (unused low
 * bytes zero) and the full length in an {@code int}. This is the hybrid scheme of the ART paper:
 * paths up to 8 bytes are compared pessimistically, byte by byte; longer paths are compared on the
 * stored bytes and the rest is skipped optimistically, to be checked against the full key held by the
 * leaf the search ends at. Code that needs the skipped bytes (the writer, ordered navigation) reads
 * them from any leaf below the node, since every key below shares them.
 */
final class CompressedPath {
    /** How many path bytes a node stores. */
    static final int STORED = 8;

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private CompressedPath() {}

    /** The first {@code min(length, 8)} bytes of {@code src[from, from + length)}, packed. */
    static long pack(byte[] src, int from, int length) {
        int n = Math.min(length, STORED);
        long packed = 0;
        for (int i = 0; i < n; i++) {
            packed |= (src[from + i] & 0xFFL) << (56 - 8 * i);
        }
        return packed;
    }

    /** The first {@code min(length, 8)} bytes of a leaf's key from {@code from}, packed. */
    static long pack(Leaf<?> leaf, int from, int length) {
        int n = Math.min(length, STORED);
        long packed = 0;
        for (int i = 0; i < n; i++) {
            packed |= (long) leaf.keyByte(from + i) << (56 - 8 * i);
        }
        return packed;
    }

    /** Byte {@code i} (0..7) of a packed path, unsigned. */
    static int byteAt(long packed, int i) {
        return (int) (packed >>> (56 - 8 * i)) & 0xFF;
    }

    /**
     * Whether the stored bytes of a path of {@code pathLength} bytes (> 0) equal the key bytes from
     * {@code from}. The caller guarantees that the key has at least {@code pathLength} bytes there.
     */
    static boolean storedBytesMatch(long packed, int pathLength, byte[] key, int from) {
        // Branch-free word compares: one unaligned 8-byte load, masked to the path's length. A loop here
        // costs more than the rest of a node visit once the JIT adds its loop overhead.
        if (from + STORED <= key.length) {
            return ((readWord(key, from) ^ packed) & mask(pathLength)) == 0;
        }
        if (key.length >= STORED) {
            // Fewer than 8 bytes left: load the last 8 and shift the wanted ones to the top.
            long word = readWord(key, key.length - STORED) << (8 * (from - (key.length - STORED)));
            return ((word ^ packed) & mask(pathLength)) == 0;
        }
        if (pathLength == 1) {
            return (key[from] & 0xFF) == (int) (packed >>> 56);
        }
        for (int i = 0; i < pathLength; i++) {
            if ((key[from + i] & 0xFF) != byteAt(packed, i)) {
                return false;
            }
        }
        return true;
    }

    private static long readWord(byte[] key, int from) {
        return (long) BIG_ENDIAN_LONG.get(key, from);
    }

    /** The mask that keeps the first {@code min(length, 8)} packed bytes. */
    private static long mask(int length) {
        return length >= STORED ? -1L : ~(-1L >>> (8 * length));
    }

    /** The packed bytes that remain after dropping the first {@code n} stored ones. */
    static long dropStored(long packed, int n) {
        return n >= STORED ? 0 : packed << (8 * n);
    }

    /**
     * The packed form of the concatenation {@code head ++ middle ++ tail}, where head has
     * {@code headLength} bytes; used when a node is merged into its only child.
     */
    static long concat(long head, int headLength, int middle, long tail) {
        if (headLength >= STORED) {
            return head;
        }
        long packed = head | ((long) middle << (56 - 8 * headLength));
        int used = headLength + 1;
        return used < STORED ? packed | (tail >>> (8 * used)) : packed;
    }
}
