package dev.sextant.art;

/**
 * An inner node with 4 to 16 children. Its 16 key bytes, packed into two longs, are what the Node16
 * search compares in one 128-bit vector operation ({@link Node16Search#VECTOR}) or scans one by one
 * ({@link Node16Search#SCALAR}).
 */
final class Node16 extends SortedNode {
    static final int CAPACITY = 16;
    /** A Node16 left with this many children becomes a Node4 (not at 4, so that a key added and removed
     *  again at the 4/5 boundary does not reallocate each time). */
    static final int SHRINK_AT = 3;

    /** Key bytes 0..7, little-endian (byte i in bits 8i..8i+7), so they load as vector lanes 0..7. */
    final long keysLow;
    /** Key bytes 8..15, little-endian. */
    final long keysHigh;

    Node16(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        this(prefix, prefixLength, terminal,
                packLittleEndian(keys, 0, Math.min(count, 8)),
                count > 8 ? packLittleEndian(keys, 8, count - 8) : 0,
                children, count);
    }

    private Node16(long prefix, int prefixLength, Leaf<?> terminal, long keysLow, long keysHigh,
            Object[] children, int count) {
        super(prefix, prefixLength, terminal, children, count);
        this.keysLow = keysLow;
        this.keysHigh = keysHigh;
    }

    @Override
    int keyAt(int i) {
        return (int) ((i < 8 ? keysLow : keysHigh) >>> (8 * (i & 7))) & 0xFF;
    }

    /** The SCALAR search: compares the key bytes one at a time, in order. */
    @Override
    int indexOf(int keyByte) {
        long word = keysLow;
        for (int i = 0; i < count; i++) {
            if (i == 8) {
                word = keysHigh;
            }
            if ((int) (word & 0xFF) == keyByte) {
                return i;
            }
            word >>>= 8;
        }
        return -1;
    }

    @Override
    Node withChild(int keyByte, Object child) {
        if (count < CAPACITY) {
            byte[] newKeys = new byte[CAPACITY];
            Object[] newChildren = new Object[CAPACITY];
            copyInserting(newKeys, newChildren, keyByte, child);
            return new Node16(prefix, prefixLength, terminal(), newKeys, newChildren, count + 1);
        }
        return Node48.grownFrom(this, keyByte, child);
    }

    @Override
    Node withoutChild(int keyByte) {
        int remaining = count - 1;
        int capacity = remaining <= SHRINK_AT ? Node4.CAPACITY : CAPACITY;
        byte[] newKeys = new byte[capacity];
        Object[] newChildren = new Object[capacity];
        copyRemoving(newKeys, newChildren, keyByte);
        return remaining <= SHRINK_AT
                ? new Node4(prefix, prefixLength, terminal(), newKeys, newChildren, remaining)
                : new Node16(prefix, prefixLength, terminal(), newKeys, newChildren, remaining);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        return new Node16(newPrefix, newPrefixLength, terminal(), keysLow, keysHigh, children.clone(), count);
    }
}
