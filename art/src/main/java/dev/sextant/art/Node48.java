package dev.sextant.art;

/**
 * An inner node with 13 to 48 children. Instead of the paper's 256-byte index array, it finds a
 * child with a 256-bit presence bitmap held in four {@code long} fields of the node and the child's
 * rank among the present key bytes (a population count), and keeps its children in key order in an
 * array of exactly {@code count} slots. A lookup thus reads the node and one array element: one
 * dependent memory access fewer than index-then-slot, which is most of the cost on a tree that does
 * not fit in the cache, and the node takes about half the memory.
 *
 * <p>Like {@link Node4} and {@link Node16} its key set is immutable: adding or removing a child makes
 * a copy, and only a child slot is written in place.
 */
final class Node48 extends Node {
    static final int CAPACITY = 48;
    /** A Node48 left with this many children becomes a Node16. */
    static final int SHRINK_AT = 12;

    /** Bit {@code b & 63} of word {@code b >>> 6} is set when key byte {@code b} has a child. */
    private final long present0;
    private final long present1;
    private final long present2;
    private final long present3;
    /** Byte {@code k} (k = 0..3): how many children have key bytes below {@code 64 * k}. */
    private final int ranksBefore;
    private final Object[] children;

    /** A node over key bytes {@code keys[0, count)} (sorted, unsigned) and their children. */
    private Node48(long prefix, int prefixLength, Leaf<?> terminal, int[] keys, Object[] children) {
        super(prefix, prefixLength, terminal);
        long[] words = new long[4];
        for (int k : keys) {
            words[k >>> 6] |= 1L << k;
        }
        present0 = words[0];
        present1 = words[1];
        present2 = words[2];
        present3 = words[3];
        int before1 = Long.bitCount(words[0]);
        int before2 = before1 + Long.bitCount(words[1]);
        int before3 = before2 + Long.bitCount(words[2]);
        ranksBefore = before1 << 8 | before2 << 16 | before3 << 24;
        this.children = children;
    }

    /** A full node of another type, plus one child: {@code keys} sorted, {@code keyByte} not among them. */
    static Node48 of(Node from, int[] keys, Object[] children, int keyByte, Object child) {
        int n = keys.length;
        int[] newKeys = new int[n + 1];
        Object[] newChildren = new Object[n + 1];
        int at = 0;
        while (at < n && keys[at] < keyByte) {
            at++;
        }
        System.arraycopy(keys, 0, newKeys, 0, at);
        System.arraycopy(children, 0, newChildren, 0, at);
        newKeys[at] = keyByte;
        newChildren[at] = child;
        System.arraycopy(keys, at, newKeys, at + 1, n - at);
        System.arraycopy(children, at, newChildren, at + 1, n - at);
        return new Node48(from.prefix, from.prefixLength, from.terminal(), newKeys, newChildren);
    }

    /** A node with the given sorted key bytes and children (arrays of exactly the child count). */
    static Node48 of(Node from, int[] keys, Object[] children) {
        return new Node48(from.prefix, from.prefixLength, from.terminal(), keys, children);
    }

    private long word(int k) {
        return k < 2 ? (k == 0 ? present0 : present1) : (k == 2 ? present2 : present3);
    }

    /** The slot of a present key byte: children before its word, plus present bits below it in the word. */
    private int rank(int keyByte, long word) {
        return (ranksBefore >>> ((keyByte >>> 6) << 3) & 0xFF) + Long.bitCount(word & ((1L << keyByte) - 1));
    }

    @Override
    Object child(int keyByte) {
        long word = word(keyByte >>> 6);
        if ((word & 1L << keyByte) == 0) {
            return null;
        }
        return Node.CHILD.getAcquire(children, rank(keyByte, word));
    }

    @Override
    int childCount() {
        return children.length;
    }

    @Override
    int nextKeyByte(int after) {
        int from = after + 1;
        for (int k = from >>> 6; k < 4; k++) {
            long word = word(k);
            if (k == from >>> 6) {
                word &= -1L << from; // from & 63, by Java's shift rules
            }
            if (word != 0) {
                return 64 * k + Long.numberOfTrailingZeros(word);
            }
        }
        return -1;
    }

    @Override
    int previousKeyByte(int before) {
        if (before <= 0) {
            return -1;
        }
        int last = before - 1;
        for (int k = last >>> 6; k >= 0; k--) {
            long word = word(k);
            if (k == last >>> 6) {
                word &= -1L >>> (63 - (last & 63));
            }
            if (word != 0) {
                return 64 * k + 63 - Long.numberOfLeadingZeros(word);
            }
        }
        return -1;
    }

    /** The present key bytes, ascending. */
    int[] keys() {
        int[] keys = new int[children.length];
        int i = 0;
        for (int k = nextKeyByte(-1); k >= 0; k = nextKeyByte(k)) {
            keys[i++] = k;
        }
        return keys;
    }

    @Override
    Node withChild(int keyByte, Object child) {
        if (children.length < CAPACITY) {
            return of(this, keys(), children, keyByte, child);
        }
        return Node256.grownFrom(this, keyByte, child);
    }

    @Override
    Node withoutChild(int keyByte) {
        int[] keys = keys();
        int remaining = keys.length - 1;
        int[] newKeys = new int[remaining];
        Object[] newChildren = new Object[remaining];
        for (int i = 0, j = 0; i < keys.length; i++) {
            if (keys[i] != keyByte) {
                newKeys[j] = keys[i];
                newChildren[j++] = children[i];
            }
        }
        if (remaining <= SHRINK_AT) {
            byte[] smallKeys = new byte[Node16.CAPACITY];
            Object[] smallChildren = new Object[Node16.CAPACITY];
            for (int i = 0; i < remaining; i++) {
                smallKeys[i] = (byte) newKeys[i];
                smallChildren[i] = newChildren[i];
            }
            return new Node16(prefix, prefixLength, terminal(), smallKeys, smallChildren, remaining);
        }
        return new Node48(prefix, prefixLength, terminal(), newKeys, newChildren);
    }

    @Override
    void replaceChild(int keyByte, Object child) {
        Node.CHILD.setRelease(children, rank(keyByte, word(keyByte >>> 6)), child);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        return new Node48(newPrefix, newPrefixLength, terminal(), keys(), children.clone());
    }
}
