package dev.sextant.plugins.precise.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link BlockTable} by open addressing over one {@code long[]}: each slot is the key followed by its
 * holder words ({@code 1 + 2 × groups} longs: 24 bytes for up to 64 endpoints), so a lookup usually touches
 * one or two cache lines and allocates nothing, where a map of objects chases three or four pointers.
 * Linear probing at a load between 2/3 and 3/4 ({@link LinearProbing}).
 *
 * <p>Concurrency, one writer and lock-free readers: the writer publishes a new slot's words before its key
 * (release stores) and deletes an entry (whose words are all zero by then) by turning its key into a
 * tombstone; a deleted slot is never reused in the same array, and entries never move within an array, so a
 * slot's key only goes empty → key → deleted. A reader loads the key, the words, then the key again (acquire
 * loads) and treats a changed key as a miss, so it never attributes one block's words to another. Growth
 * (more slots, or more words per slot when an endpoint slot beyond the current groups appears) builds a new
 * array and publishes it through a volatile field; readers finish on the array they started with.
 * Tombstones count against the fill limit and are purged by rebuilding when it is reached.
 *
 * <p>Keys 0 and 1 mark empty and deleted slots; a block key equal to either is stored as 2 or 3 (Sextant's
 * keys are 62-bit hashes: a key is below 4 with probability 2^-60, and only then can two keys merge).
 */
public final class OpenBlockTable implements BlockTable {
    private static final long EMPTY = 0;
    private static final long TOMBSTONE = 1;
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    /** One immutable-geometry generation of the table. */
    private static final class Cells {
        final long[] cells;
        final int stride;
        final int capacity;

        Cells(int capacity, int groups) {
            this.stride = 1 + Holders.WORDS_PER_GROUP * groups;
            this.cells = new long[Math.multiplyExact(capacity, stride)];
            this.capacity = capacity;
        }

        int groups() {
            return (stride - 1) / Holders.WORDS_PER_GROUP;
        }
    }

    private volatile Cells current = new Cells(INITIAL_CAPACITY, 1);
    private volatile int size;
    private int tombstones;

    private static long stored(long key) {
        return key == EMPTY || key == TOMBSTONE ? key + 2 : key;
    }

    /** Reader side: the slot index of {@code key} in {@code c}, or -1. */
    private static int find(Cells c, long key) {
        long[] cells = c.cells;
        int stride = c.stride;
        int capacity = c.capacity;
        int i = LinearProbing.home(key, capacity);
        for (int probes = 0; probes < capacity; probes++) {
            long k = (long) CELLS.getAcquire(cells, i * stride);
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
            i = LinearProbing.next(i, capacity);
        }
        return -1;
    }

    /**
     * Writer side: the slot index of {@code key}, or, when absent, {@code ~i} for the first empty slot on its
     * probe path (where it would be inserted: deleted slots are not reused, see the class comment).
     */
    private static int locate(Cells c, long key) {
        for (int i = LinearProbing.home(key, c.capacity); ; i = LinearProbing.next(i, c.capacity)) {
            long k = c.cells[i * c.stride];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return ~i;
            }
        }
    }

    @Override
    public boolean read(long key, long[] out, int words, byte[] scratch) {
        Cells c = current;
        long k = stored(key);
        int i = find(c, k);
        if (i < 0) {
            return false;
        }
        int base = i * c.stride;
        int have = Math.min(words, c.stride - 1);
        for (int w = 0; w < have; w++) {
            out[w] = (long) CELLS.getAcquire(c.cells, base + 1 + w);
        }
        for (int w = have; w < words; w++) {
            out[w] = 0;
        }
        return (long) CELLS.getAcquire(c.cells, base) == k;
    }

    @Override
    public void setBit(long key, int word, long bit) {
        long k = stored(key);
        Cells c = current;
        if (word >= c.stride - 1) {
            c = rebuild(c.capacity, word / Holders.WORDS_PER_GROUP + 1);
        }
        int i = locate(c, k);
        if (i >= 0) {
            int at = i * c.stride + 1 + word;
            CELLS.setRelease(c.cells, at, c.cells[at] | bit);
            return;
        }
        if (LinearProbing.overFilled(size + tombstones + 1L, c.capacity)) {
            c = rebuild(LinearProbing.rebuildCapacity(size + 1, c.capacity), c.groups());
            i = locate(c, k);
        }
        int base = ~i * c.stride;
        CELLS.setRelease(c.cells, base + 1 + word, bit);
        CELLS.setRelease(c.cells, base, k);
        size = size + 1;
    }

    @Override
    public void clearBit(long key, int word, long bit) {
        long k = stored(key);
        Cells c = current;
        if (word >= c.stride - 1) {
            return;
        }
        int i = locate(c, k);
        if (i < 0) {
            return;
        }
        int base = i * c.stride;
        long before = c.cells[base + 1 + word];
        if ((before & bit) == 0) {
            return;
        }
        CELLS.setRelease(c.cells, base + 1 + word, before & ~bit);
        for (int w = 1; w < c.stride; w++) {
            if (c.cells[base + w] != 0) {
                return;
            }
        }
        CELLS.setRelease(c.cells, base, TOMBSTONE);
        tombstones++;
        size = size - 1;
    }

    /** Writer side: word {@code word} of {@code key}'s entry, 0 when it has none. */
    long word(long key, int word) {
        Cells c = current;
        int i = locate(c, stored(key));
        return i < 0 || word >= c.stride - 1 ? 0 : c.cells[i * c.stride + 1 + word];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        current = new Cells(INITIAL_CAPACITY, current.groups());
        size = 0;
        tombstones = 0;
    }

    /** Slots, for tests of the fill limit. */
    int capacity() {
        return current.capacity;
    }

    /** Copies the live slots into a new array of {@code capacity} slots and {@code groups} groups, and publishes it. */
    private Cells rebuild(int capacity, int groups) {
        Cells old = current;
        Cells fresh = new Cells(capacity, groups);
        int copyWords = Math.min(old.stride, fresh.stride) - 1;
        for (int i = 0; i < old.capacity; i++) {
            long k = old.cells[i * old.stride];
            if (k == EMPTY || k == TOMBSTONE) {
                continue;
            }
            int j = ~locate(fresh, k);
            System.arraycopy(old.cells, i * old.stride + 1, fresh.cells, j * fresh.stride + 1, copyWords);
            fresh.cells[j * fresh.stride] = k;
        }
        tombstones = 0;
        current = fresh;
        return fresh;
    }
}
