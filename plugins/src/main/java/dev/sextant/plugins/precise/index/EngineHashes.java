package dev.sextant.plugins.precise.index;

/**
 * One endpoint's map from the engine's block hashes to Sextant's block keys, with the tiers the engine
 * holds each block on: what lets {@code BlockRemoved} (which carries engine hashes only) be applied
 * without knowing the engine's hash function.
 *
 * <p>Open addressing with linear probing over one {@code long[]} of (engine hash, key and tiers) pairs:
 * 16 bytes a slot at a load between 2/3 and 3/4 ({@link LinearProbing}), 21 to 24 bytes per mapped block.
 * The tiers ride in the top two bits of the key word, which Sextant's 62-bit keys leave clear
 * ({@link BlockKeys}); a mapped block is on at least one tier, so a key word of 0 marks an empty slot and
 * every engine hash, 0 included, can be mapped. Deletion shifts later entries of the probe run back (no
 * tombstones). Writer only: not thread-safe; the index uses it under its writer lock.
 */
final class EngineHashes {
    /** Returned by {@link #key} for an unmapped hash: not a 62-bit key. */
    static final long NO_KEY = -1;

    private static final int MIN_CAPACITY = 16;
    private static final int TIER_SHIFT = BlockKeys.BITS;
    private static final long KEY_MASK = (1L << TIER_SHIFT) - 1;

    /** Slot i is {@code cells[2i]}, the engine hash, and {@code cells[2i + 1]}, key | tier bits << 62. */
    private long[] cells;
    private int capacity;
    private int size;

    EngineHashes() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** The slot of {@code hash}, or -1. */
    private int find(long hash) {
        for (int i = LinearProbing.home(hash, capacity); ; i = LinearProbing.next(i, capacity)) {
            if (cells[2 * i + 1] == 0) {
                return -1;
            }
            if (cells[2 * i] == hash) {
                return i;
            }
        }
    }

    /** Our key for the engine's {@code hash}; {@link #NO_KEY} when unmapped. */
    long key(long hash) {
        int i = find(hash);
        return i < 0 ? NO_KEY : cells[2 * i + 1] & KEY_MASK;
    }

    boolean contains(long hash) {
        return find(hash) >= 0;
    }

    /** Maps {@code hash} to {@code key} (62 bits) and adds {@code tier}; returns the tier bits it had before (0 if new). */
    int put(long hash, long key, int tier) {
        if ((key & ~KEY_MASK) != 0) {
            throw new IllegalArgumentException("key: " + Long.toHexString(key) + " (expected: 62 bits)");
        }
        int i = find(hash);
        if (i >= 0) {
            int before = tierBits(cells[2 * i + 1]);
            cells[2 * i + 1] = keyAndTiers(key, before | (1 << tier));
            return before;
        }
        if (LinearProbing.overFilled(size + 1L, capacity)) {
            rehash(LinearProbing.rebuildCapacity(size + 1, capacity));
        }
        insert(hash, keyAndTiers(key, 1 << tier));
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
        long word = cells[2 * i + 1];
        int left = tierBits(word) & ~(1 << tier);
        if (left != 0) {
            cells[2 * i + 1] = keyAndTiers(word & KEY_MASK, left);
            return left;
        }
        delete(i);
        return 0;
    }

    /** Calls {@code action} with every mapped (key, tier bits). */
    void forEach(KeyAction action) {
        for (int i = 0; i < capacity; i++) {
            long word = cells[2 * i + 1];
            if (word != 0) {
                action.accept(word & KEY_MASK, tierBits(word));
            }
        }
    }

    /** Every mapped engine hash, in table order. */
    long[] hashes() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < capacity; i++) {
            if (cells[2 * i + 1] != 0) {
                out[n++] = cells[2 * i];
            }
        }
        return out;
    }

    void clear() {
        allocate(MIN_CAPACITY);
    }

    /** Slots, for tests of the fill limit. */
    int capacity() {
        return capacity;
    }

    /** Receives one mapped block. */
    @FunctionalInterface
    interface KeyAction {
        void accept(long key, int tierBits);
    }

    private static long keyAndTiers(long key, int tierBits) {
        return key | (long) tierBits << TIER_SHIFT;
    }

    private static int tierBits(long keyAndTiers) {
        return (int) (keyAndTiers >>> TIER_SHIFT);
    }

    /** Puts a pair into the first empty slot of its probe path (the hash is known to be absent). */
    private void insert(long hash, long keyAndTiers) {
        int i = LinearProbing.home(hash, capacity);
        while (cells[2 * i + 1] != 0) {
            i = LinearProbing.next(i, capacity);
        }
        cells[2 * i] = hash;
        cells[2 * i + 1] = keyAndTiers;
    }

    private void delete(int i) {
        size--;
        empty(i);
        // Backward shift: move later entries of the same probe run into the hole, so no probe path is cut.
        int hole = i;
        for (int j = LinearProbing.next(i, capacity); cells[2 * j + 1] != 0; j = LinearProbing.next(j, capacity)) {
            int home = LinearProbing.home(cells[2 * j], capacity);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                cells[2 * hole] = cells[2 * j];
                cells[2 * hole + 1] = cells[2 * j + 1];
                empty(j);
                hole = j;
            }
        }
    }

    private void empty(int i) {
        cells[2 * i] = 0;
        cells[2 * i + 1] = 0;
    }

    private void rehash(int newCapacity) {
        long[] old = cells;
        allocate(newCapacity);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                insert(old[i], old[i + 1]);
                size++;
            }
        }
    }

    private void allocate(int newCapacity) {
        cells = new long[2 * newCapacity];
        capacity = newCapacity;
        size = 0;
    }
}
