package dev.sextant.plugins.scorer.prefix;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * The block hashes one endpoint is believed to hold, least recently recorded first, at most
 * {@code capacity} of them: the approximate mirror of that endpoint's KV-cache prefix cache.
 *
 * <p>Primitive arrays, 24 to 32 bytes per block and nothing allocated by a lookup: a doubly linked
 * list of nodes from oldest to youngest, and an open-addressing table (linear probing, deletion by
 * backward shift) from hash to node, at most half full. Storage grows by doubling up to the
 * capacity and is not given back when the capacity shrinks.
 *
 * <p>Thread-safe: lookups share the read lock of a {@link StampedLock} (which, unlike a
 * {@code ReentrantReadWriteLock}, allocates nothing per acquisition), so many scheduling threads
 * match at once; recording takes the write lock.
 */
final class BlockLru {
    private static final int NONE = -1;
    private static final int INITIAL_NODES = 256;

    private final StampedLock lock = new StampedLock();
    private int capacity;
    private long[] hashOf = new long[0];
    private int[] older = new int[0];
    private int[] younger = new int[0];
    /** Node index + 1 per slot; 0 is an empty slot. Length a power of two, at least twice the nodes. */
    private int[] slots = new int[0];
    private int oldest = NONE;
    private int youngest = NONE;
    private int size;
    /** Nodes ever handed out; nodes freed by a capacity cut are reused first. */
    private int allocated;
    private int freeHead = NONE;
    private volatile long lastUsedNanos;

    BlockLru(int capacity, long nowNanos) {
        this.capacity = requirePositive(capacity);
        this.lastUsedNanos = nowNanos;
    }

    /**
     * How many of the leading {@code hashes} of one prompt's chain this endpoint holds.
     *
     * <p>A binary search, O(log n) lookups: the blocks held of a chain always form a prefix of it.
     * Every chain is recorded whole up to some block (a block's hash stands for all blocks before
     * it), with its leading blocks made younger than the later ones, so the LRU always evicts a
     * chain from its tail and never leaves a gap.
     */
    int leadingMatches(long[] hashes) {
        long stamp = lock.readLock();
        try {
            int held = 0;
            int notHeld = hashes.length;
            while (held < notHeld) {
                int mid = (held + notHeld) >>> 1;
                if (find(hashes[mid]) != NONE) {
                    held = mid + 1;
                } else {
                    notHeld = mid;
                }
            }
            return held;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Whether this endpoint holds the block {@code hash}. */
    boolean holds(long hash) {
        long stamp = lock.readLock();
        try {
            return find(hash) != NONE;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Records that the endpoint now holds every block in {@code hashes}, making them the most recently
     * used, and evicts the least recently used blocks beyond {@code newCapacity}.
     */
    void record(long[] hashes, int newCapacity, long nowNanos) {
        long stamp = lock.writeLock();
        try {
            capacity = requirePositive(newCapacity);
            while (size > capacity) {
                free(evictOldest());
            }
            // Leading blocks last, so they are the youngest: a model server evicts a prefix from its tail.
            for (int i = hashes.length - 1; i >= 0; i--) {
                touchOrAdd(hashes[i]);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        lastUsedNanos = nowNanos;
    }

    /** Marks the endpoint as still in use (a scheduling candidate), for idle expiry. */
    void touch(long nowNanos) {
        if (nowNanos - lastUsedNanos > 1_000_000_000L) {
            lastUsedNanos = nowNanos;
        }
    }

    /** Clock reading of the last record or touch, to the second. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Number of block hashes held. */
    int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void touchOrAdd(long hash) {
        int node = find(hash);
        if (node != NONE) {
            unlink(node);
            linkYoungest(node);
            return;
        }
        node = size == capacity ? evictOldest() : allocate();
        hashOf[node] = hash;
        insertSlot(node);
        linkYoungest(node);
        size++;
    }

    /** Unlinks and unindexes the oldest node and returns it for reuse. */
    private int evictOldest() {
        int node = oldest;
        unlink(node);
        deleteSlot(node);
        size--;
        return node;
    }

    private int allocate() {
        if (freeHead != NONE) {
            int node = freeHead;
            freeHead = younger[node];
            return node;
        }
        if (allocated == hashOf.length) {
            grow();
        }
        return allocated++;
    }

    /** Puts an evicted node on the free list, linked through {@code younger}. */
    private void free(int node) {
        younger[node] = freeHead;
        freeHead = node;
    }

    private void grow() {
        int nodes = (int) Math.min(capacity, Math.max(INITIAL_NODES, 2L * hashOf.length));
        nodes = Math.max(nodes, allocated + 1);
        hashOf = Arrays.copyOf(hashOf, nodes);
        older = Arrays.copyOf(older, nodes);
        younger = Arrays.copyOf(younger, nodes);
        int tableSize = Integer.highestOneBit(Math.max(2, nodes * 2 - 1)) << 1;
        if (tableSize != slots.length) {
            slots = new int[tableSize];
            for (int n = oldest; n != NONE; n = younger[n]) {
                insertSlot(n);
            }
        }
    }

    private void linkYoungest(int node) {
        older[node] = youngest;
        younger[node] = NONE;
        if (youngest != NONE) {
            younger[youngest] = node;
        } else {
            oldest = node;
        }
        youngest = node;
    }

    private void unlink(int node) {
        int o = older[node];
        int y = younger[node];
        if (o != NONE) {
            younger[o] = y;
        } else {
            oldest = y;
        }
        if (y != NONE) {
            older[y] = o;
        } else {
            youngest = o;
        }
    }

    private int find(long hash) {
        int[] table = slots;
        if (table.length == 0) {
            return NONE;
        }
        int mask = table.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int entry = table[i];
            if (entry == 0) {
                return NONE;
            }
            if (hashOf[entry - 1] == hash) {
                return entry - 1;
            }
        }
    }

    private void insertSlot(int node) {
        int mask = slots.length - 1;
        int i = spread(hashOf[node]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = node + 1;
    }

    /** Removes {@code node}'s slot, shifting later entries of its probe run back so lookups never stop early. */
    private void deleteSlot(int node) {
        int mask = slots.length - 1;
        int hole = spread(hashOf[node]) & mask;
        while (slots[hole] != node + 1) {
            hole = (hole + 1) & mask;
        }
        for (int i = (hole + 1) & mask; slots[i] != 0; i = (i + 1) & mask) {
            int home = spread(hashOf[slots[i] - 1]) & mask;
            // Move the entry into the hole if the hole lies on its probe path from home to i.
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = 0;
    }

    private static int spread(long hash) {
        return (int) (hash ^ (hash >>> 32));
    }

    private static int requirePositive(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        return capacity;
    }
}
