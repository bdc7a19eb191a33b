package dev.sextant.art;

/**
 * An inner node with 5 to 16 children. Its 16-byte key array is what the Node16 search compares in
 * one 128-bit vector operation ({@link Node16Search#VECTOR}) or scans ({@link Node16Search#SCALAR}).
 */
final class Node16 extends SortedNode {
    static final int CAPACITY = 16;
    /** A Node16 left with this many children becomes a Node4 (not at 4, so that a key added and removed
     *  again at the 4/5 boundary does not reallocate each time). */
    static final int SHRINK_AT = 3;

    Node16(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        super(prefix, prefixLength, terminal, keys, children, count);
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
        return new Node16(newPrefix, newPrefixLength, terminal(), keys, children.clone(), count);
    }
}
