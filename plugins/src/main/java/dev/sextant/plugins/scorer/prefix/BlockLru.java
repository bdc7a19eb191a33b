package dev.sextant.plugins.scorer.prefix;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The block hashes one endpoint is believed to hold, least recently recorded first, at most
 * {@code capacity} of them: the approximate mirror of that endpoint's KV-cache prefix cache.
 *
 * <p>Thread-safe: lookups share a read lock, so many scheduling threads match at once; recording
 * takes the write lock. The map is kept in insertion order and a re-recorded hash is moved to the
 * young end by removing and re-inserting it, so lookups never reorder and need no write lock.
 */
final class BlockLru {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LinkedHashMap<Long, Boolean> blocks = new LinkedHashMap<>();
    private int capacity;
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
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            int held = 0;
            int notHeld = hashes.length;
            while (held < notHeld) {
                int mid = (held + notHeld) >>> 1;
                if (blocks.containsKey(hashes[mid])) {
                    held = mid + 1;
                } else {
                    notHeld = mid;
                }
            }
            return held;
        } finally {
            read.unlock();
        }
    }

    /** Whether this endpoint holds the block {@code hash}. */
    boolean holds(long hash) {
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            return blocks.containsKey(hash);
        } finally {
            read.unlock();
        }
    }

    /**
     * Records that the endpoint now holds every block in {@code hashes}, making them the most recently
     * used, and evicts the least recently used blocks beyond {@code newCapacity}.
     */
    void record(long[] hashes, int newCapacity, long nowNanos) {
        ReentrantReadWriteLock.WriteLock write = lock.writeLock();
        write.lock();
        try {
            capacity = requirePositive(newCapacity);
            // Leading blocks last, so they are the youngest: a model server evicts a prefix from its tail.
            for (int i = hashes.length - 1; i >= 0; i--) {
                Long key = hashes[i];
                blocks.remove(key);
                blocks.put(key, Boolean.TRUE);
            }
            evictBeyondCapacity();
        } finally {
            write.unlock();
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
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            return blocks.size();
        } finally {
            read.unlock();
        }
    }

    private void evictBeyondCapacity() {
        int excess = blocks.size() - capacity;
        Iterator<Long> oldest = blocks.keySet().iterator();
        for (; excess > 0; excess--) {
            oldest.next();
            oldest.remove();
        }
    }

    private static int requirePositive(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        return capacity;
    }
}
