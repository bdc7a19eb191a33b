package dev.sextant.plugins.precise.index;

/**
 * The map under the prefix index: block key → the {@link Holders} words of the endpoints holding the
 * block. Two implementations are measured against each other (docs/benchmarks.md): {@link ArtBlockTable}
 * on Sextant's Adaptive Radix Tree and {@link HashBlockTable} on a {@code ConcurrentHashMap}.
 *
 * <p>One writer at a time (the index serialises them); any number of readers, never blocked, may run
 * while a write is in progress and see the map before or after it.
 */
public interface BlockTable {

    /**
     * The holders of {@code key}, or null. {@code scratch} is an 8-byte buffer owned by the calling thread
     * that an implementation may encode the key into.
     */
    long[] get(long key, byte[] scratch);

    /** Maps {@code key} to {@code holders}. Writer only. */
    void put(long key, long[] holders, byte[] scratch);

    /** Unmaps {@code key}. Writer only. */
    void remove(long key, byte[] scratch);

    /** Number of keys. */
    int size();

    /** Removes every key. Writer only. */
    void clear();

    /** The implementations, by configuration name. */
    enum Kind {
        /** {@link ArtBlockTable}: 8-byte keys in an Adaptive Radix Tree. */
        ART,
        /** {@link HashBlockTable}: a {@code ConcurrentHashMap<Long, long[]>}. */
        HASH;

        /** A new, empty table of this kind. */
        public BlockTable create() {
            return this == ART ? new ArtBlockTable() : new HashBlockTable();
        }
    }
}
