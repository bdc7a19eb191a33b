package dev.sextant.art;

/**
 * An inner node with 4 to 16 children. Its 16 key bytes, packed into two longs, are what the Node16
 * search compares in one 128-bit vector operation ({@link Node16Search#VECTOR}) or scans one by one
 * ({@link Node16Search#SCALAR}). The children are in an array: unlike {@link Node4}, whose four slots
 * are fields of the node, a slot chosen by index among 16 fields costs a dense lookup more than the
 * array's extra load (measured: see docs/benchmarks.md, "Performance pass").
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

    /** The children, in key order; slots past {@code count} are null. Written in place only through
     *  {@link Node#CHILD} with release semantics. */
    private final Object[] children;

    /** A node whose child slots the caller fills ({@link #initChild}) before publishing it. */
    private Node16(long prefix, int prefixLength, Leaf<?> terminal, long keysLow, long keysHigh, int count) {
        this(prefix, prefixLength, terminal, keysLow, keysHigh, new Object[CAPACITY], count);
    }

    /** A node with the given children array, which the caller gives up. */
    private Node16(long prefix, int prefixLength, Leaf<?> terminal, long keysLow, long keysHigh, Object[] children,
            int count) {
        super(prefix, prefixLength, terminal, count);
        this.keysLow = keysLow;
        this.keysHigh = keysHigh;
        this.children = children;
    }

    /** A node with the given sorted key bytes and children, {@code count <= 16}. */
    static Node16 of(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        Node16 node = new Node16(prefix, prefixLength, terminal,
                packLittleEndian(keys, 0, Math.min(count, 8)),
                count > 8 ? packLittleEndian(keys, 8, count - 8) : 0,
                count);
        for (int i = 0; i < count; i++) {
            node.initChild(i, children[i]);
        }
        return node;
    }

    /** A full Node4 plus one more child, inserted at {@code at}. */
    static Node16 grownFrom(Node4 full, int at, int keyByte, Object child) {
        int n = full.count + 1;
        long low = 0;
        for (int i = 0; i < n; i++) {
            low |= (long) full.keyAtInserting(i, at, keyByte) << (8 * i);
        }
        return full.withChildrenInserting(new Node16(full.prefix, full.prefixLength, full.terminal(), low, 0, n), at, child);
    }

    /** Packs key bytes {@code [from, from + n)} little-endian (byte i in bits 8i..8i+7), n <= 8. */
    private static long packLittleEndian(byte[] keys, int from, int n) {
        long packed = 0;
        for (int i = 0; i < n; i++) {
            packed |= (keys[from + i] & 0xFFL) << (8 * i);
        }
        return packed;
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
    Object childAt(int i) {
        return Node.CHILD.getAcquire(children, i);
    }

    @Override
    void storeChild(int i, Object child) {
        Node.CHILD.setRelease(children, i, child);
    }

    @Override
    void initChild(int i, Object child) {
        children[i] = child;
    }

    /** A node with this one's children and keys, {@code n} of them, given as two packed words. */
    private Node16 sameShape(long low, long high, Object[] newChildren, int n) {
        return new Node16(prefix, prefixLength, terminal(), low, high, newChildren, n);
    }

    @Override
    Node withChild(int keyByte, Object child) {
        if (count == CAPACITY) {
            return Node48.grownFrom(this, keyByte, child);
        }
        int at = insertionPoint(keyByte);
        int n = count + 1;
        long low = 0;
        long high = 0;
        for (int i = 0; i < n; i++) {
            long k = keyAtInserting(i, at, keyByte);
            if (i < 8) {
                low |= k << (8 * i);
            } else {
                high |= k << (8 * (i - 8));
            }
        }
        // The writer reads only slots it wrote itself, so plain copies are enough.
        Object[] newChildren = new Object[CAPACITY];
        System.arraycopy(children, 0, newChildren, 0, at);
        newChildren[at] = child;
        System.arraycopy(children, at, newChildren, at + 1, count - at);
        return sameShape(low, high, newChildren, n);
    }

    @Override
    Node withoutChild(int keyByte) {
        int at = indexOf(keyByte);
        int n = count - 1;
        if (n <= SHRINK_AT) {
            return Node4.shrunkFrom(this, at);
        }
        long low = 0;
        long high = 0;
        for (int i = 0; i < n; i++) {
            long k = keyAtRemoving(i, at);
            if (i < 8) {
                low |= k << (8 * i);
            } else {
                high |= k << (8 * (i - 8));
            }
        }
        Object[] newChildren = new Object[CAPACITY];
        System.arraycopy(children, 0, newChildren, 0, at);
        System.arraycopy(children, at + 1, newChildren, at, count - at - 1);
        return sameShape(low, high, newChildren, n);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        // Child slots are written in place, so the copy needs its own array.
        return new Node16(newPrefix, newPrefixLength, terminal(), keysLow, keysHigh, children.clone(), count);
    }
}
