package dev.sextant.plugins.precise.index;

/**
 * The slot arithmetic shared by the index's open-addressing tables ({@link OpenBlockTable},
 * {@link EngineHashes}): any capacity, not only powers of two, a fill limit of 3/4 and growth by an eighth.
 *
 * <p>Why not powers of two: a table that doubles is, right after growing, at half its fill limit, so its
 * worst point costs twice the bytes per entry of its best. Growing by an eighth keeps the load of a table
 * without deletions between 2/3 and 3/4: a slot costs at most 1.5 times its size, and a lookup at the top of
 * the range probes 2.5 slots on average. The price is rehashing more often while a table grows (each entry
 * is moved about eight times in its life instead of once), paid by the writer, not by lookups. A lookup maps
 * the hash onto the capacity with a multiplication instead of a mask.
 */
final class LinearProbing {
    private LinearProbing() {}

    /** The first slot to probe for {@code key}: the high bits of a multiplicative hash, scaled to the capacity. */
    static int home(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    /** The slot after {@code i}, wrapping around. */
    static int next(int i, int capacity) {
        int n = i + 1;
        return n == capacity ? 0 : n;
    }

    /** Whether {@code used} occupied slots (live entries plus tombstones) exceed the fill limit of 3/4. */
    static boolean overFilled(long used, int capacity) {
        return used * 4 > capacity * 3L;
    }

    /**
     * The capacity to rebuild at when the fill limit is reached with {@code live} live entries: an eighth more
     * when they would fill over 3/5 of the current one, else the same (only tombstones are purged, which
     * leaves at least 3/20 of the slots free until the next rebuild).
     */
    static int rebuildCapacity(int live, int capacity) {
        if (live * 5L <= capacity * 3L) {
            return capacity;
        }
        long grown = capacity + capacity / 8L;
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("table capacity: " + grown + " (expected: < 2^31)");
        }
        return (int) grown;
    }
}
