package dev.sextant.plugins.precise.index;

import dev.sextant.art.AdaptiveRadixTree;
import dev.sextant.art.KeyEncoders;

/**
 * A {@link BlockTable} on the {@code art} module: each block key as 8 big-endian bytes. The tree's own
 * contract (one writer, lock-free allocation-free readers) is exactly the index's.
 */
public final class ArtBlockTable extends ArrayHoldersTable {
    private final AdaptiveRadixTree<long[]> tree = AdaptiveRadixTree.create();

    @Override
    long[] get(long key, byte[] scratch) {
        KeyEncoders.writeLong(key, scratch, 0);
        return tree.get(scratch, 0, 8);
    }

    @Override
    void put(long key, long[] holders, byte[] scratch) {
        KeyEncoders.writeLong(key, scratch, 0);
        tree.put(scratch, 0, 8, holders);
    }

    @Override
    void remove(long key, byte[] scratch) {
        KeyEncoders.writeLong(key, scratch, 0);
        tree.remove(scratch, 0, 8);
    }

    @Override
    public int size() {
        return tree.size();
    }

    @Override
    public void clear() {
        tree.clear();
    }
}
