package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An inner node with up to 4 children, searched by a branch-free scan of its sorted key bytes. Keys and
 * child slots are all fields of the node: a visit reads one object (48 bytes with compact headers).
 */
final class Node4 extends SortedNode {
    static final int CAPACITY = 4;

    private static final VarHandle C0;
    private static final VarHandle C1;
    private static final VarHandle C2;
    private static final VarHandle C3;

    static {
        VarHandle[] handles = childHandles(MethodHandles.lookup(), CAPACITY);
        C0 = handles[0];
        C1 = handles[1];
        C2 = handles[2];
        C3 = handles[3];
    }

    /** The key bytes, little-endian: byte i in bits 8i..8i+7. */
    private final int keys;

    // The child slots, written through C0..C3 once published.
    @SuppressWarnings("unused")
    private Object c0;
    @SuppressWarnings("unused")
    private Object c1;
    @SuppressWarnings("unused")
    private Object c2;
    @SuppressWarnings("unused")
    private Object c3;

    /** A node whose child slots the caller fills ({@link #initChild}) before publishing it. */
    private Node4(long prefix, int prefixLength, Leaf<?> terminal, int keys, int count) {
        super(prefix, prefixLength, terminal, count);
        this.keys = keys;
    }

    /** A node with the given sorted key bytes and children, {@code count <= 4}. */
    static Node4 of(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        int packed = 0;
        for (int i = 0; i < count; i++) {
            packed |= (keys[i] & 0xFF) << (8 * i);
        }
        Node4 node = new Node4(prefix, prefixLength, terminal, packed, count);
        for (int i = 0; i < count; i++) {
            node.initChild(i, children[i]);
        }
        return node;
    }

    /** A node with a terminal entry and one child. */
    static Node4 of(long prefix, int prefixLength, Leaf<?> terminal, int keyByte, Object child) {
        Node4 node = new Node4(prefix, prefixLength, terminal, keyByte, 1);
        node.c0 = child;
        return node;
    }

    /** A node with two children under distinct key bytes, in any order. */
    static Node4 of(long prefix, int prefixLength, int keyByte1, Object child1, int keyByte2, Object child2) {
        boolean inOrder = keyByte1 < keyByte2;
        int keys = inOrder ? keyByte1 | keyByte2 << 8 : keyByte2 | keyByte1 << 8;
        Node4 node = new Node4(prefix, prefixLength, null, keys, 2);
        node.c0 = inOrder ? child1 : child2;
        node.c1 = inOrder ? child2 : child1;
        return node;
    }

    /** A node with the entries of a Node16 except index {@code removed}, which leaves at most 4. */
    static Node4 shrunkFrom(Node16 from, int removed) {
        int n = from.count - 1;
        int keys = 0;
        for (int i = 0; i < n; i++) {
            keys |= from.keyAtRemoving(i, removed) << (8 * i);
        }
        return from.withChildrenRemoving(new Node4(from.prefix, from.prefixLength, from.terminal(), keys, n), removed);
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

    /**
     * Loads the four slots and selects one with conditional moves on the bits of {@code i}: no branch
     * on the index to mispredict (a {@code switch} here is an indirect jump) and no load whose address
     * depends on it. The slots share the node's cache line, so the extra loads cost no extra miss.
     */
    @Override
    Object childAt(int i) {
        Object s0 = C0.getAcquire(this);
        Object s1 = C1.getAcquire(this);
        Object s2 = C2.getAcquire(this);
        Object s3 = C3.getAcquire(this);
        boolean odd = (i & 1) != 0;
        Object p0 = odd ? s1 : s0;
        Object p1 = odd ? s3 : s2;
        return (i & 2) != 0 ? p1 : p0;
    }

    @Override
    void storeChild(int i, Object child) {
        switch (i) {
            case 0 -> C0.setRelease(this, child);
            case 1 -> C1.setRelease(this, child);
            case 2 -> C2.setRelease(this, child);
            case 3 -> C3.setRelease(this, child);
            default -> throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    void initChild(int i, Object child) {
        switch (i) {
            case 0 -> c0 = child;
            case 1 -> c1 = child;
            case 2 -> c2 = child;
            case 3 -> c3 = child;
            default -> throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    Node withChild(int keyByte, Object child) {
        int at = insertionPoint(keyByte);
        if (count < CAPACITY) {
            int newKeys = 0;
            for (int i = 0; i <= count; i++) {
                newKeys |= keyAtInserting(i, at, keyByte) << (8 * i);
            }
            return withChildrenInserting(new Node4(prefix, prefixLength, terminal(), newKeys, count + 1), at, child);
        }
        return Node16.grownFrom(this, at, keyByte, child);
    }

    @Override
    Node withoutChild(int keyByte) {
        int at = indexOf(keyByte);
        int newKeys = 0;
        for (int i = 0; i < count - 1; i++) {
            newKeys |= keyAtRemoving(i, at) << (8 * i);
        }
        return withChildrenRemoving(new Node4(prefix, prefixLength, terminal(), newKeys, count - 1), at);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        // Child slots are written in place, so the copy needs its own slots.
        return withSameChildren(new Node4(newPrefix, newPrefixLength, terminal(), keys, count));
    }
}
