package dev.sextant.plugins.datalayer.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings every scrape repeats (metric and label names, common label values, HELP texts),
 * kept so that parsing the same exposition again allocates no new strings for them.
 *
 * <p>A fixed number of slots, each holding the last string that hashed to it: memory stays bounded
 * whatever the input, and hostile input can only cause misses. Lock-free: slots are read and
 * written without synchronisation, which is safe because an entry is immutable (final fields) and a
 * lost write only costs a later miss.
 */
final class StringCache {
    /** The cache all parses share: 4,096 slots, strings of at most 256 bytes. */
    static final StringCache SHARED = new StringCache(4096, 256);

    private final Entry[] slots;
    private final int maxLength;

    private record Entry(byte[] utf8, String string) {}

    StringCache(int slots, int maxLength) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots: " + slots + " (expected: a power of two)");
        }
        this.slots = new Entry[slots];
        this.maxLength = maxLength;
    }

    /**
     * The string of the valid UTF-8 bytes {@code text[from, to)}, whose {@link #hash} is {@code hash}:
     * the cached instance when there is one, otherwise a new string, cached if it is short enough.
     */
    String get(byte[] text, int from, int to, int hash) {
        int length = to - from;
        if (length > maxLength) {
            return new String(text, from, length, StandardCharsets.UTF_8);
        }
        int slot = mix(hash) & (slots.length - 1);
        Entry entry = slots[slot];
        if (entry != null && Arrays.equals(entry.utf8, 0, entry.utf8.length, text, from, to)) {
            return entry.string;
        }
        byte[] utf8 = Arrays.copyOfRange(text, from, to);
        String string = new String(utf8, StandardCharsets.UTF_8);
        slots[slot] = new Entry(utf8, string);
        return string;
    }

    /** The hash {@link #get} expects: the one a caller scanning the bytes computes as it goes. */
    static int hash(byte[] text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = step(hash, text[i]);
        }
        return hash;
    }

    /** One step of {@link #hash}, for callers that hash while they scan. */
    static int step(int hash, byte b) {
        return 31 * hash + b;
    }

    private static int mix(int hash) {
        // Spread the low-entropy polynomial hash so nearby names do not share slots.
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
