package dev.sextant.plugins.precise.index;

/**
 * A {@link BlockTable} over a map from key to a {@code long[]} of holder words: words change in place
 * with release stores, the array is replaced only to grow it.
 */
abstract class ArrayHoldersTable implements BlockTable {
    private final byte[] writerScratch = new byte[8];

    /** The holders of {@code key}, or null. */
    abstract long[] get(long key, byte[] scratch);

    abstract void put(long key, long[] holders, byte[] scratch);

    abstract void remove(long key, byte[] scratch);

    @Override
    public final boolean read(long key, long[] out, int words, byte[] scratch) {
        long[] h = get(key, scratch);
        if (h == null) {
            return false;
        }
        int n = Math.min(words, h.length);
        for (int i = 0; i < n; i++) {
            out[i] = Holders.read(h, i);
        }
        for (int i = n; i < words; i++) {
            out[i] = 0;
        }
        return true;
    }

    @Override
    public final void setBit(long key, int word, long bit) {
        long[] h = get(key, writerScratch);
        if (h == null || h.length <= word) {
            long[] grown = Holders.grow(h, word);
            grown[word] |= bit;
            put(key, grown, writerScratch);
        } else {
            Holders.write(h, word, Holders.read(h, word) | bit);
        }
    }

    @Override
    public final void clearBit(long key, int word, long bit) {
        long[] h = get(key, writerScratch);
        if (h == null || h.length <= word) {
            return;
        }
        long before = Holders.read(h, word);
        if ((before & bit) == 0) {
            return;
        }
        Holders.write(h, word, before & ~bit);
        if (Holders.isEmpty(h)) {
            remove(key, writerScratch);
        }
    }
}
