package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An inner node with 13 to 48 children: a 256-entry index from key byte to slot (slot + 1, 0 when
 * empty) and 48 child slots.
 *
 * <p>Adding a child happens in place: the writer fills the first unused slot, then publishes it by
 * storing its number in the index with release semantics; a reader loads the index entry with acquire
 * semantics before the slot, so it sees the child. Slots in use are always {@code [0, count)}:
 * removing a child makes a compacted copy instead of freeing a slot in place, because a freed slot
 * reused for another key byte could hand a slow reader (holding the old index entry) the wrong child.
 */
final class Node48 extends Node {
    static final int CAPACITY = 48;
    /** A Node48 left with this many children becomes a Node16. */
    static final int SHRINK_AT = 12;

    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(byte[].class);

    private final byte[] index;
    private final Object[] children;
    private int count;

    private Node48(long prefix, int prefixLength, Leaf<?> terminal, byte[] index, Object[] children, int count) {
        super(prefix, prefixLength, terminal);
        this.index = index;
        this.children = children;
        this.count = count;
    }

    /** A full Node16 plus one more child. */
    static Node48 grownFrom(Node16 full, int keyByte, Object child) {
        byte[] index = new byte[256];
        Object[] children = new Object[CAPACITY];
        for (int i = 0; i < full.count; i++) {
            index[full.keyAt(i)] = (byte) (i + 1);
            children[i] = full.childAt(i);
        }
        index[keyByte] = (byte) (full.count + 1);
        children[full.count] = child;
        return new Node48(full.prefix, full.prefixLength, full.terminal(), index, children, full.count + 1);
    }

    /** The children of a Node256 except one. */
    static Node48 shrunkFrom(Node256 big, Object[] bigChildren, int removedKeyByte) {
        byte[] index = new byte[256];
        Object[] children = new Object[CAPACITY];
        int n = 0;
        for (int k = 0; k < 256; k++) {
            Object c = bigChildren[k];
            if (c != null && k != removedKeyByte) {
                index[k] = (byte) (n + 1);
                children[n++] = c;
            }
        }
        return new Node48(big.prefix, big.prefixLength, big.terminal(), index, children, n);
    }

    private int slotOf(int keyByte) {
        return (byte) INDEX.getAcquire(index, keyByte) & 0xFF;
    }

    @Override
    Object child(int keyByte) {
        int slot = slotOf(keyByte);
        return slot == 0 ? null : Node.CHILD.getAcquire(children, slot - 1);
    }

    @Override
    int childCount() {
        return count;
    }

    @Override
    int nextKeyByte(int after) {
        for (int k = after + 1; k < 256; k++) {
            if (slotOf(k) != 0) {
                return k;
            }
        }
        return -1;
    }

    @Override
    int previousKeyByte(int before) {
        for (int k = before - 1; k >= 0; k--) {
            if (slotOf(k) != 0) {
                return k;
            }
        }
        return -1;
    }

    @Override
    Node withChild(int keyByte, Object child) {
        if (count < CAPACITY) {
            Node.CHILD.setRelease(children, count, child);
            INDEX.setRelease(index, keyByte, (byte) (count + 1));
            count++;
            return this;
        }
        return Node256.grownFrom(this, keyByte, child);
    }

    @Override
    Node withoutChild(int keyByte) {
        int remaining = count - 1;
        if (remaining <= SHRINK_AT) {
            byte[] keys = new byte[Node16.CAPACITY];
            Object[] small = new Object[Node16.CAPACITY];
            int n = 0;
            for (int k = 0; k < 256; k++) {
                int slot = index[k] & 0xFF;
                if (slot != 0 && k != keyByte) {
                    keys[n] = (byte) k;
                    small[n++] = children[slot - 1];
                }
            }
            return Node16.of(prefix, prefixLength, terminal(), keys, small, n);
        }
        return compactedCopy(prefix, prefixLength, keyByte);
    }

    @Override
    void replaceChild(int keyByte, Object child) {
        Node.CHILD.setRelease(children, (index[keyByte] & 0xFF) - 1, child);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        return compactedCopy(newPrefix, newPrefixLength, -1);
    }

    /** A copy with slots in key order, leaving out {@code skipKeyByte} (-1 for none). */
    private Node48 compactedCopy(long newPrefix, int newPrefixLength, int skipKeyByte) {
        byte[] newIndex = new byte[256];
        Object[] newChildren = new Object[CAPACITY];
        int n = 0;
        for (int k = 0; k < 256; k++) {
            int slot = index[k] & 0xFF;
            if (slot != 0 && k != skipKeyByte) {
                newIndex[k] = (byte) (n + 1);
                newChildren[n++] = children[slot - 1];
            }
        }
        return new Node48(newPrefix, newPrefixLength, terminal(), newIndex, newChildren, n);
    }
}
