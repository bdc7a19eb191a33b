package dev.sextant.plugins.precise.index;

/**
 * One endpoint's map from the engine's block hashes to Sextant's block keys, with the tiers the engine
 * holds each block on: what lets {@code BlockRemoved} (which carries engine hashes only) be applied
 * without knowing the engine's hash function.
 *
 * <p>Open addressing with linear probing over parallel primitive arrays, load factor at most 1/2, and
 * backward-shift deletion (no tombstones): about 17 bytes per slot, 34 to 68 per mapped block. Writer
 * only: not thread-safe; the index reads it under its writer lock.
 */
final class EngineHashes {
    private static final int MIN_CAPACITY = 16;

    private long[] hashes;
    private long[] keys;
    private byte[] tiers;
    private boolean[] used;
    private int size;

    EngineHashes() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** The slot of {@code hash}, or -1. */
    private int find(long hash) {
        int mask = hashes.length - 1;
        for (int i = spread(hash) & mask; used[i]; i = (i + 1) & mask) {
            if (hashes[i] == hash) {
                return i;
            }
        }
        return -1;
    }

    /** Our key for the engine's {@code hash}; {@code missing} when unmapped. */
    long key(long hash, long missing) {
        int i = find(hash);
        return i < 0 ? missing : keys[i];
    }

    boolean contains(long hash) {
        return find(hash) >= 0;
    }

    /** Tier bits (1 &lt;&lt; tier) the engine holds {@code hash} on; 0 when unmapped. */
    int tiers(long hash) {
        int i = find(hash);
        return i < 0 ? 0 : tiers[i];
    }

    /** Maps {@code hash} to {@code key} and adds {@code tier}; returns the tier bits it had before (0 if new). */
    int put(long hash, long key, int tier) {
        int i = find(hash);
        if (i >= 0) {
            int before = tiers[i];
            keys[i] = key;
            tiers[i] = (byte) (before | (1 << tier));
            return before;
        }
        if ((size + 1) * 2 > hashes.length) {
            rehash(hashes.length * 2);
        }
        int mask = hashes.length - 1;
        i = spread(hash) & mask;
        while (used[i]) {
            i = (i + 1) & mask;
        }
        used[i] = true;
        hashes[i] = hash;
        keys[i] = key;
        tiers[i] = (byte) (1 << tier);
        size++;
        return 0;
    }

    /**
     * Drops {@code tier} from {@code hash}; unmaps it when no tier is left. Returns the tier bits left, or
     * -1 when {@code hash} was not mapped.
     */
    int removeTier(long hash, int tier) {
        int i = find(hash);
        if (i < 0) {
            return -1;
        }
        int left = tiers[i] & ~(1 << tier);
        if (left != 0) {
            tiers[i] = (byte) left;
            return left;
        }
        delete(i);
        return 0;
    }

    /** Calls {@code action} with every mapped (key, tier bits). */
    void forEach(KeyAction action) {
        for (int i = 0; i < hashes.length; i++) {
            if (used[i]) {
                action.accept(keys[i], tiers[i]);
            }
        }
    }

    /** Every mapped engine hash, in table order. */
    long[] hashes() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (used[i]) {
                out[n++] = hashes[i];
            }
        }
        return out;
    }

    void clear() {
        allocate(MIN_CAPACITY);
    }

    /** Receives one mapped block. */
    @FunctionalInterface
    interface KeyAction {
        void accept(long key, int tierBits);
    }

    private void delete(int i) {
        int mask = hashes.length - 1;
        used[i] = false;
        size--;
        // Backward-shift: move later entries of the same probe run into the hole.
        int hole = i;
        for (int j = (i + 1) & mask; used[j]; j = (j + 1) & mask) {
            int home = spread(hashes[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                hashes[hole] = hashes[j];
                keys[hole] = keys[j];
                tiers[hole] = tiers[j];
                used[hole] = true;
                used[j] = false;
                hole = j;
            }
        }
    }

    private void rehash(int capacity) {
        long[] oldHashes = hashes;
        long[] oldKeys = keys;
        byte[] oldTiers = tiers;
        boolean[] oldUsed = used;
        allocate(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldUsed[i]) {
                int j = spread(oldHashes[i]) & mask;
                while (used[j]) {
                    j = (j + 1) & mask;
                }
                used[j] = true;
                hashes[j] = oldHashes[i];
                keys[j] = oldKeys[i];
                tiers[j] = oldTiers[i];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        hashes = new long[capacity];
        keys = new long[capacity];
        tiers = new byte[capacity];
        used = new boolean[capacity];
        size = 0;
    }

    private static int spread(long h) {
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
