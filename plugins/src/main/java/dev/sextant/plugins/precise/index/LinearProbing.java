package dev.sextant.plugins.precise.index;

/**
 * The slot arithmetic shared by the index's open-addressing tables ({@link OpenBlockTable},
 * {@link EngineHashes}): any capacity, not only powers of two, and growth by a quarter.
 *
 * <p>Why not powers of two: a table that doubles is, right after growing, at half its fill limit, so its
 * worst point costs twice the bytes per entry of its best. Growing by a quarter at a fill limit of 4/5 keeps
 * the load between 0.64 and 0.8 (tables without deletions) at the price of rehashing more often while a
 * table grows; a lookup maps the hash onto the capacity by a multiplication instead of a mask.
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

    /** Whether {@code used} occupied slots (live entries plus tombstones) exceed the fill limit of 4/5. */
    static boolean overFilled(long used, int capacity) {
        return used * 5 > capacity * 4L;
    }

    /**
     * The capacity to rebuild at when the fill limit is reached with {@code live} live entries: a quarter more
     * when they would fill over 3/5 of the current one, else the same (only tombstones are purged, which
     * leaves at least 1/5 of the slots free until the next rebuild).
     */
    static int rebuildCapacity(int live, int capacity) {
        if (live * 5L <= capacity * 3L) {
            return capacity;
        }
        long grown = capacity + capacity / 4L;
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("table capacity: " + grown + " (expected: < 2^31)");
        }
        return (int) grown;
    }
}
