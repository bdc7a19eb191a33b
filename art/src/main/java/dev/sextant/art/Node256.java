package dev.sextant.art;

/**
 * An inner node with 37 to 256 children, one slot per key byte. Children are added and removed in
 * place (a single release store each); it shrinks to a Node48 when few are left.
 */
final class Node256 extends Node {
    /** A Node256 left with this many children becomes a Node48. */
    static final int SHRINK_AT = 36;

    private final Object[] children;
    private int count;

    private Node256(long prefix, int prefixLength, Leaf<?> terminal, Object[] children, int count) {
        super(prefix, prefixLength, terminal);
        this.children = children;
        this.count = count;
    }

    /** A full Node48 plus one more child. */
    static Node256 grownFrom(Node48 full, int keyByte, Object child) {
        Object[] children = new Object[256];
        for (int k = 0; k < 256; k++) {
            Object c = full.child(k);
            if (c != null) {
                children[k] = c;
            }
        }
        children[keyByte] = child;
        return new Node256(full.prefix, full.prefixLength, full.terminal(), children, full.childCount() + 1);
    }

    @Override
    Object child(int keyByte) {
        return Node.CHILD.getAcquire(children, keyByte);
    }

    @Override
    int childCount() {
        return count;
    }

    @Override
    int nextKeyByte(int after) {
        for (int k = after + 1; k < 256; k++) {
            if (child(k) != null) {
                return k;
            }
        }
        return -1;
    }

    @Override
    int previousKeyByte(int before) {
        for (int k = before - 1; k >= 0; k--) {
            if (child(k) != null) {
                return k;
            }
        }
        return -1;
    }

    @Override
    Node withChild(int keyByte, Object child) {
        Node.CHILD.setRelease(children, keyByte, child);
        count++;
        return this;
    }

    @Override
    Node withoutChild(int keyByte) {
        if (count - 1 <= SHRINK_AT) {
            return Node48.shrunkFrom(this, children, keyByte);
        }
        Node.CHILD.setRelease(children, keyByte, null);
        count--;
        return this;
    }

    @Override
    void replaceChild(int keyByte, Object child) {
        Node.CHILD.setRelease(children, keyByte, child);
    }

    @Override
    Node withPrefix(long newPrefix, int newPrefixLength) {
        return new Node256(newPrefix, newPrefixLength, terminal(), children.clone(), count);
    }
}
