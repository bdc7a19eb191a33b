package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An inner node with 4 to 16 children. Its 16 key bytes, packed into two longs, are what the Node16
 * search compares in one 128-bit vector operation ({@link Node16Search#VECTOR}) or scans one by one
 * ({@link Node16Search#SCALAR}). The 16 child slots are fields of the node too.
 */
final class Node16 extends SortedNode {
    static final int CAPACITY = 16;
    /** A Node16 left with this many children becomes a Node4 (not at 4, so that a key added and removed
     *  again at the 4/5 boundary does not reallocate each time). */
    static final int SHRINK_AT = 3;

    private static final VarHandle C0;
    private static final VarHandle C1;
    private static final VarHandle C2;
    private static final VarHandle C3;
    private static final VarHandle C4;
    private static final VarHandle C5;
    private static final VarHandle C6;
    private static final VarHandle C7;
    private static final VarHandle C8;
    private static final VarHandle C9;
    private static final VarHandle C10;
    private static final VarHandle C11;
    private static final VarHandle C12;
    private static final VarHandle C13;
    private static final VarHandle C14;
    private static final VarHandle C15;

    static {
        VarHandle[] h = childHandles(MethodHandles.lookup(), CAPACITY);
        C0 = h[0];
        C1 = h[1];
        C2 = h[2];
        C3 = h[3];
        C4 = h[4];
        C5 = h[5];
        C6 = h[6];
        C7 = h[7];
        C8 = h[8];
        C9 = h[9];
        C10 = h[10];
        C11 = h[11];
        C12 = h[12];
        C13 = h[13];
        C14 = h[14];
        C15 = h[15];
    }

    /** Key bytes 0..7, little-endian (byte i in bits 8i..8i+7), so they load as vector lanes 0..7. */
    final long keysLow;
    /** Key bytes 8..15, little-endian. */
    final long keysHigh;

    // The child slots, written through C0..C15 once published.
    @SuppressWarnings("unused")
    private Object c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;

    /** A node whose child slots the caller fills ({@link #initChild}) before publishing it. */
    private Node16(long prefix, int prefixLength, Leaf<?> terminal, long keysLow, long keysHigh, int count) {
        super(prefix, prefixLength, terminal, count);
        this.keysLow = keysLow;
        this.keysHigh = keysHigh;
    }

    /** A node with the given sorted key bytes and children, {@code 5 <= count <= 16}. */
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

    /**
     * Loads all 16 slots and selects one with a tree of conditional moves on the bits of {@code i}:
     * no branch on the index (a {@code switch} here is an indirect jump the CPU mispredicts whenever
     * consecutive lookups take different children), and no load whose address depends on the index.
     * The slots share the node's one or two cache lines, so the extra loads cost no extra miss.
     */
    @Override
    Object childAt(int i) {
        Object s0 = C0.getAcquire(this);
        Object s1 = C1.getAcquire(this);
        Object s2 = C2.getAcquire(this);
        Object s3 = C3.getAcquire(this);
        Object s4 = C4.getAcquire(this);
        Object s5 = C5.getAcquire(this);
        Object s6 = C6.getAcquire(this);
        Object s7 = C7.getAcquire(this);
        Object s8 = C8.getAcquire(this);
        Object s9 = C9.getAcquire(this);
        Object s10 = C10.getAcquire(this);
        Object s11 = C11.getAcquire(this);
        Object s12 = C12.getAcquire(this);
        Object s13 = C13.getAcquire(this);
        Object s14 = C14.getAcquire(this);
        Object s15 = C15.getAcquire(this);
        boolean odd = (i & 1) != 0;
        Object p0 = odd ? s1 : s0;
        Object p1 = odd ? s3 : s2;
        Object p2 = odd ? s5 : s4;
        Object p3 = odd ? s7 : s6;
        Object p4 = odd ? s9 : s8;
        Object p5 = odd ? s11 : s10;
        Object p6 = odd ? s13 : s12;
        Object p7 = odd ? s15 : s14;
        boolean two = (i & 2) != 0;
        Object q0 = two ? p1 : p0;
        Object q1 = two ? p3 : p2;
        Object q2 = two ? p5 : p4;
        Object q3 = two ? p7 : p6;
        boolean four = (i & 4) != 0;
        Object r0 = four ? q1 : q0;
        Object r1 = four ? q3 : q2;
        return (i & 8) != 0 ? r1 : r0;
    }

    @Override
    void storeChild(int i, Object child) {
        switch (i) {
            case 0 -> C0.setRelease(this, child);
            case 1 -> C1.setRelease(this, child);
            case 2 -> C2.setRelease(this, child);
            case 3 -> C3.setRelease(this, child);
            case 4 -> C4.setRelease(this, child);
            case 5 -> C5.setRelease(this, child);
            case 6 -> C6.setRelease(this, child);
            case 7 -> C7.setRelease(this, child);
            case 8 -> C8.setRelease(this, child);
            case 9 -> C9.setRelease(this, child);
            case 10 -> C10.setRelease(this, child);
            case 11 -> C11.setRelease(this, child);
            case 12 -> C12.setRelease(this, child);
            case 13 -> C13.setRelease(this, child);
            case 14 -> C14.setRelease(this, child);
            case 15 -> C15.setRelease(this, child);
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
            case 4 -> c4 = child;
            case 5 -> c5 = child;
            case 6 -> c6 = child;
            case 7 -> c7 = child;
            case 8 -> c8 = child;
            case 9 -> c9 = child;
            case 10 -> c10 = child;
            case 11 -> c11 = child;
            case 12 -> c12 = child;
            case 13 -> c13 = child;
            case 14 -> c14 = child;
            case 15 -> c15 = child;
            default -> throw new IndexOutOfBoundsException(i);
        }
    }

    /** A node with this one's children and keys, {@code n} of them, given as two packed words. */
    private Node16 sameShape(long low, long high, int n) {
        return new Node16(prefix, prefixLength, terminal(), low, high, n);
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
        return withChildrenInserting(sameShape(low, high, n), at, child);
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
        return withChildrenRemoving(sameShape(low, high, n), at);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        return withSameChildren(new Node16(newPrefix, newPrefixLength, terminal(), keysLow, keysHigh, count));
    }
}
