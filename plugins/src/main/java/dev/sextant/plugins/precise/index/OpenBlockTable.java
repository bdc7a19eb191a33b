package dev.sextant.plugins.precise.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link BlockTable} by open addressing over one {@code long[]}: each slot is the key followed by its
 * holder words ({@code 1 + 3 × groups} longs), so a lookup usually touches one or two cache lines and
 * allocates nothing, where a map of objects chases three or four pointers.
 *
 * <p>Concurrency, one writer and lock-free readers: the writer publishes a new slot's words before its key
 * (release stores) and deletes an entry (whose words are all zero by then) by turning its key into a
 * tombstone; a deleted slot is never reused in the same array, so a slot's key only goes empty → key →
 * deleted. A reader loads the key, the words, then the key again (acquire loads) and treats a changed key as
 * a miss, so it never attributes one block's words to another. Growth (more slots, or more words per slot when an endpoint slot
 * beyond the current groups appears) builds a new array and publishes it through a volatile field; readers
 * finish on the array they started with. Tombstones are purged by rebuilding when live keys plus tombstones
 * pass 3/4 of the capacity.
 *
 * <p>Keys 0 and 1 mark empty and deleted slots; a block key equal to either is stored as 2 or 3 (Sextant's
 * keys are 64-bit hashes, so this merges two keys with probability 2^-62).
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
        final int mask;

        Cells(int capacity, int groups) {
            this.stride = 1 + Holders.WORDS_PER_GROUP * groups;
            this.cells = new long[capacity * stride];
            this.mask = capacity - 1;
        }

        int capacity() {
            return mask + 1;
        }
    }

    private volatile Cells current = new Cells(INITIAL_CAPACITY, 1);
    private volatile int size;
    private int tombstones;

    private static long stored(long key) {
        return key == EMPTY || key == TOMBSTONE ? key + 2 : key;
    }

    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The slot index of {@code key} in {@code c}, or -1. */
    private static int find(Cells c, long key) {
        long[] cells = c.cells;
        int stride = c.stride;
        for (int i = home(key, c.mask), probes = 0; probes <= c.mask; i = (i + 1) & c.mask, probes++) {
            long k = (long) CELLS.getAcquire(cells, i * stride);
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
        return -1;
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
            c = rebuild(c.capacity(), word / Holders.WORDS_PER_GROUP + 1);
        }
        int i = find(c, k);
        if (i >= 0) {
            int at = i * c.stride + 1 + word;
            CELLS.setRelease(c.cells, at, (long) CELLS.getAcquire(c.cells, at) | bit);
            return;
        }
        if ((size + tombstones + 1) * 4L > c.capacity() * 3L) {
            int capacity = (size + 1) * 8L > c.capacity() * 3L ? c.capacity() * 2 : c.capacity();
            c = rebuild(capacity, (c.stride - 1) / Holders.WORDS_PER_GROUP);
        }
        i = insertionSlot(c, k);
        int base = i * c.stride;
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
        int i = find(c, k);
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

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        current = new Cells(INITIAL_CAPACITY, (current.stride - 1) / Holders.WORDS_PER_GROUP);
        size = 0;
        tombstones = 0;
    }

    /**
     * The first empty slot on {@code k}'s probe path (the key is known to be absent). Deleted slots are not
     * reused: a slot's key only ever goes empty → key → deleted within one array, which is what lets a reader
     * trust words read between two equal loads of the key.
     */
    private static int insertionSlot(Cells c, long k) {
        for (int i = home(k, c.mask); ; i = (i + 1) & c.mask) {
            if (c.cells[i * c.stride] == EMPTY) {
                return i;
            }
        }
    }

    /** Copies the live slots into a new array of {@code capacity} slots and {@code groups} groups, and publishes it. */
    private Cells rebuild(int capacity, int groups) {
        Cells old = current;
        Cells fresh = new Cells(capacity, groups);
        int copyWords = Math.min(old.stride, fresh.stride) - 1;
        for (int i = 0; i <= old.mask; i++) {
            long k = old.cells[i * old.stride];
            if (k == EMPTY || k == TOMBSTONE) {
                continue;
            }
            int j = insertionSlot(fresh, k);
            System.arraycopy(old.cells, i * old.stride + 1, fresh.cells, j * fresh.stride + 1, copyWords);
            fresh.cells[j * fresh.stride] = k;
        }
        tombstones = 0;
        current = fresh;
        return fresh;
    }
}
