package dev.sextant.art;

/** An inner node with up to 4 children, searched by a linear scan of its sorted key bytes. */
final class Node4 extends SortedNode {
    static final int CAPACITY = 4;

    Node4(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        super(prefix, prefixLength, terminal, keys, children, count);
    }

    /** A node with a terminal entry and one child. */
    static Node4 of(long prefix, int prefixLength, Leaf<?> terminal, int keyByte, Object child) {
        byte[] keys = new byte[CAPACITY];
        Object[] children = new Object[CAPACITY];
        keys[0] = (byte) keyByte;
        children[0] = child;
        return new Node4(prefix, prefixLength, terminal, keys, children, 1);
    }

    /** A node with two children under distinct key bytes, in any order. */
    static Node4 of(long prefix, int prefixLength, int keyByte1, Object child1, int keyByte2, Object child2) {
        byte[] keys = new byte[CAPACITY];
        Object[] children = new Object[CAPACITY];
        int first = keyByte1 < keyByte2 ? 0 : 1;
        keys[first] = (byte) keyByte1;
        children[first] = child1;
        keys[1 - first] = (byte) keyByte2;
        children[1 - first] = child2;
        return new Node4(prefix, prefixLength, null, keys, children, 2);
    }

    @Override
    Node withChild(int keyByte, Object child) {
        if (count < CAPACITY) {
            byte[] newKeys = new byte[CAPACITY];
            Object[] newChildren = new Object[CAPACITY];
            copyInserting(newKeys, newChildren, keyByte, child);
            return new Node4(prefix, prefixLength, terminal(), newKeys, newChildren, count + 1);
        }
        byte[] newKeys = new byte[Node16.CAPACITY];
        Object[] newChildren = new Object[Node16.CAPACITY];
        copyInserting(newKeys, newChildren, keyByte, child);
        return new Node16(prefix, prefixLength, terminal(), newKeys, newChildren, count + 1);
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
        // The key bytes are immutable and may be shared; child slots are written in place, so copy them.
        return new Node4(newPrefix, newPrefixLength, terminal(), keys, children.clone(), count);
    }
}
