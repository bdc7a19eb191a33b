package dev.sextant.plugins.precise.index;

/**
 * The map under the prefix index: block key → which endpoints hold the block, as bit words (three per
 * group of 64 endpoint slots: GPU, CPU, speculative; see {@link Holders}). Three implementations are
 * measured against each other (docs/benchmarks.md): {@link OpenBlockTable}, open addressing with each key
 * and its words side by side in one array (the default); {@link ArtBlockTable} on Sextant's Adaptive Radix
 * Tree; and {@link HashBlockTable} on a {@code ConcurrentHashMap}.
 *
 * <p>One writer at a time (the index serialises them); any number of readers, never blocked, may run
 * while a write is in progress and see the map before or after it.
 */
public interface BlockTable {

    /**
     * Copies the first {@code words} holder words of {@code key} into {@code out} (words the entry does not
     * have read as 0) and returns true, or returns false when no endpoint holds the block. {@code scratch} is
     * an 8-byte buffer owned by the calling thread. Reader side: lock-free.
     */
    boolean read(long key, long[] out, int words, byte[] scratch);

    /** Sets {@code bit} in word {@code word} of {@code key}'s entry, creating it. Writer only. */
    void setBit(long key, int word, long bit);

    /** Clears {@code bit} in word {@code word} of {@code key}'s entry; drops the entry when no bit is left. Writer only. */
    void clearBit(long key, int word, long bit);

    /** Number of keys. */
    int size();

    /** Removes every key. Writer only. */
    void clear();

    /** The implementations, by configuration name. */
    enum Kind {
        /** {@link OpenBlockTable}: open addressing, key and words inline. */
        OPEN,
        /** {@link ArtBlockTable}: 8-byte keys in an Adaptive Radix Tree. */
        ART,
        /** {@link HashBlockTable}: a {@code ConcurrentHashMap<Long, long[]>}. */
        HASH;

        /** A new, empty table of this kind. */
        public BlockTable create() {
            return switch (this) {
                case OPEN -> new OpenBlockTable();
                case ART -> new ArtBlockTable();
                case HASH -> new HashBlockTable();
            };
        }
    }
}
