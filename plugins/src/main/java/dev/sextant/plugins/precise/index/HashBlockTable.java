package dev.sextant.plugins.precise.index;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlockTable} on a {@code ConcurrentHashMap<Long, long[]>}: the plain hash map of chained block
 * keys the ART table is measured against (a plain {@code HashMap} is not safe for concurrent readers).
 */
public final class HashBlockTable extends ArrayHoldersTable {
    private final ConcurrentHashMap<Long, long[]> map = new ConcurrentHashMap<>(1 << 12);

    @Override
    long[] get(long key, byte[] scratch) {
        return map.get(key);
    }

    @Override
    void put(long key, long[] holders, byte[] scratch) {
        map.put(key, holders);
    }

    @Override
    void remove(long key, byte[] scratch) {
        map.remove(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void clear() {
        map.clear();
    }
}
