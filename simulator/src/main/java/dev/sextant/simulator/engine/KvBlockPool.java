package dev.sextant.simulator.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The KV-cache blocks of one replica, as vLLM's block pool keeps them: reference counts, a map from
 * block hash to cached block, and one queue of free blocks in eviction order (least recently freed
 * first). A free block that still has a hash is cached: a later request can take it back from the
 * queue; allocating it for new tokens evicts it.
 *
 * <p>Not thread-safe: owned by one {@link ReplicaEngine}.
 */
final class KvBlockPool {
    private static final long NO_HASH = 0L;
    private static final int NONE = -1;

    private final int capacity;
    private final int[] refCount;
    private final long[] hash;
    private final boolean[] hashed;
    private final int[] prev;
    private final int[] next;
    private final Map<Long, Integer> cached = new HashMap<>();
    private int head = NONE;
    private int tail = NONE;
    private int freeCount;
    private long evictions;

    KvBlockPool(int capacity) {
        this.capacity = capacity;
        refCount = new int[capacity];
        hash = new long[capacity];
        hashed = new boolean[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        Arrays.fill(prev, NONE);
        Arrays.fill(next, NONE);
        for (int b = 0; b < capacity; b++) {
            append(b);
        }
    }

    int capacity() {
        return capacity;
    }

    /** Blocks with no reference (never used, or cached and evictable). */
    int freeBlocks() {
        return freeCount;
    }

    /** Blocks referenced by at least one request. */
    int usedBlocks() {
        return capacity - freeCount;
    }

    int cachedBlocks() {
        return cached.size();
    }

    long evictions() {
        return evictions;
    }

    /** The cached block with this hash, or -1. */
    int lookup(long blockHash) {
        Integer b = cached.get(blockHash);
        return b == null ? NONE : b;
    }

    /** Takes a reference on a block (found by {@link #lookup}); a free one leaves the free queue. */
    void acquire(int block) {
        if (refCount[block]++ == 0) {
            unlink(block);
        }
    }

    /**
     * Takes the least recently freed block for new tokens, evicting its hash, or returns -1 when no
     * block is free. The evicted hash, if any, is reported to {@code evicted}.
     */
    int allocate(EvictionListener evicted) {
        int b = head;
        if (b == NONE) {
            return NONE;
        }
        unlink(b);
        refCount[b] = 1;
        if (hashed[b]) {
            cached.remove(hash[b]);
            hashed[b] = false;
            evictions++;
            evicted.evicted(hash[b]);
            hash[b] = NO_HASH;
        }
        return b;
    }

    /** Drops a reference; a block nobody references goes to the back of the free queue. */
    void release(int block) {
        if (refCount[block] <= 0) {
            throw new IllegalStateException("block " + block + " released more often than acquired");
        }
        if (--refCount[block] == 0) {
            append(block);
        }
    }

    /** Makes a full block findable by its hash; false (nothing changes) when another block has it. */
    boolean register(int block, long blockHash) {
        if (hashed[block] || cached.putIfAbsent(blockHash, block) != null) {
            return false;
        }
        hash[block] = blockHash;
        hashed[block] = true;
        return true;
    }

    /** Hashes of all cached blocks (referenced or not), in block-id order. */
    long[] cachedHashes() {
        long[] out = new long[cached.size()];
        int i = 0;
        for (int b = 0; b < capacity; b++) {
            if (hashed[b]) {
                out[i++] = hash[b];
            }
        }
        return out;
    }

    /** Free blocks in eviction order (first evicted first); for tests. */
    int[] freeQueue() {
        int[] out = new int[freeCount];
        int i = 0;
        for (int b = head; b != NONE; b = next[b]) {
            out[i++] = b;
        }
        return out;
    }

    private void append(int b) {
        prev[b] = tail;
        next[b] = NONE;
        if (tail == NONE) {
            head = b;
        } else {
            next[tail] = b;
        }
        tail = b;
        freeCount++;
    }

    private void unlink(int b) {
        int p = prev[b];
        int n = next[b];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[b] = NONE;
        next[b] = NONE;
        freeCount--;
    }

    /** Told about each hash an allocation evicts. */
    @FunctionalInterface
    interface EvictionListener {
        void evicted(long blockHash);
    }
}
