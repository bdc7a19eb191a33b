package dev.sextant.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Remembers which pairs were kept, by a 128-bit digest of instruction and output, so that exact
 * duplicates are found across all trees in 16 bytes per pair, never by keeping the texts. Two different
 * pairs collide with probability about n²/2¹²⁹: never in practice.
 */
final class SeenPairs {
    private final MessageDigest sha256;
    /** Open addressing, two longs per slot; (0, 0) marks an empty slot. */
    private long[] slots = new long[2 * 1024];
    private int size;

    SeenPairs() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Records the pair and returns true, or returns false when an identical pair was recorded before. */
    boolean add(String instruction, byte[] src, int outputStart, int outputEnd) {
        sha256.update(instruction.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0); // neither text contains NUL, so the boundary is unambiguous
        sha256.update(src, outputStart, outputEnd - outputStart);
        byte[] digest = sha256.digest();
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | digest[i] & 0xff;
            low = low << 8 | digest[i + 8] & 0xff;
        }
        return add(high, low);
    }

    /** The same for a digest already computed; package-private for tests. */
    boolean add(long high, long low) {
        if (high == 0 && low == 0) {
            low = 1; // the empty-slot marker; merging it with (0, 1) costs nothing measurable
        }
        int capacity = slots.length / 2;
        if ((size + 1) * 4L > capacity * 3L) { // keep the table at most three quarters full
            grow();
            capacity = slots.length / 2;
        }
        int mask = capacity - 1;
        int slot = (int) (high ^ high >>> 32) & mask;
        while (true) {
            long h = slots[2 * slot];
            long l = slots[2 * slot + 1];
            if (h == 0 && l == 0) {
                slots[2 * slot] = high;
                slots[2 * slot + 1] = low;
                size++;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
            slot = slot + 1 & mask;
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }
}
