package dev.sextant.art;

/** An inner node with up to 4 children, searched by a linear scan of its sorted key bytes. */
final class Node4 extends SortedNode {
    static final int CAPACITY = 4;

    /** The key bytes, little-endian: byte i in bits 8i..8i+7. */
    private final int keys;

    Node4(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        this(prefix, prefixLength, terminal, (int) packLittleEndian(keys, 0, count), children, count);
    }

    private Node4(long prefix, int prefixLength, Leaf<?> terminal, int keys, Object[] children, int count) {
        super(prefix, prefixLength, terminal, children, count);
        this.keys = keys;
    }

    /** A node with a terminal entry and one child. */
    static Node4 of(long prefix, int prefixLength, Leaf<?> terminal, int keyByte, Object child) {
        Object[] children = new Object[CAPACITY];
        children[0] = child;
        return new Node4(prefix, prefixLength, terminal, keyByte, children, 1);
    }

    /** A node with two children under distinct key bytes, in any order. */
    static Node4 of(long prefix, int prefixLength, int keyByte1, Object child1, int keyByte2, Object child2) {
        Object[] children = new Object[CAPACITY];
        boolean inOrder = keyByte1 < keyByte2;
        children[0] = inOrder ? child1 : child2;
        children[1] = inOrder ? child2 : child1;
        int keys = inOrder ? keyByte1 | keyByte2 << 8 : keyByte2 | keyByte1 << 8;
        return new Node4(prefix, prefixLength, null, keys, children, 2);
    }

    @Override
    int keyAt(int i) {
        return keys >>> (8 * i) & 0xFF;
    }

    /**
     * Branch-free scan of the four packed bytes: XOR with the wanted byte turns a match into a zero
     * byte, and the classic zero-byte test flags it. The lowest flagged byte is exact (borrows only
     * flag bytes above a real zero); a flag at or past {@code count} is an unused zero slot.
     */
    @Override
    int indexOf(int keyByte) {
        int x = keys ^ (keyByte * 0x01010101);
        int zeroBytes = (x - 0x01010101) & ~x & 0x80808080;
        int i = Integer.numberOfTrailingZeros(zeroBytes) >>> 3;
        return i < count ? i : -1;
    }

    @Override
    Node withChild(int keyByte, Object child) {
        int capacity = count < CAPACITY ? CAPACITY : Node16.CAPACITY;
        byte[] newKeys = new byte[capacity];
        Object[] newChildren = new Object[capacity];
        copyInserting(newKeys, newChildren, keyByte, child);
        return count < CAPACITY
                ? new Node4(prefix, prefixLength, terminal(), newKeys, newChildren, count + 1)
                : new Node16(prefix, prefixLength, terminal(), newKeys, newChildren, count + 1);
    }

    @Override
    Node withoutChild(int keyByte) {
        byte[] newKeys = new byte[CAPACITY];
        Object[] newChildren = new Object[CAPACITY];
        copyRemoving(newKeys, newChildren, keyByte);
        return new Node4(prefix, prefixLength, terminal(), newKeys, newChildren, count - 1);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        // Child slots are written in place, so the copy needs its own array.
        return new Node4(newPrefix, newPrefixLength, terminal(), keys, children.clone(), count);
    }
}
