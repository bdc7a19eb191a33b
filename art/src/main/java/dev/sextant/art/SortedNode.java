package dev.sextant.art;

/**
 * The two small node types: up to 4 or 16 key bytes (sorted, unsigned) packed into fields of the node
 * itself, and a parallel array of children. Keeping the key bytes inside the node object saves the
 * search one dependent memory load per level, which is most of its cost in a dense tree.
 *
 * <p>Their key set is immutable, so adding or removing a child makes a copy; only a child slot is
 * ever written in place. That keeps the search free of any coordination with the writer: the packed
 * keys and {@link #count} are final, and packed bytes past {@code count} are zero.
 */
abstract sealed class SortedNode extends Node permits Node4, Node16 {
    final Object[] children;
    final int count;

    SortedNode(long prefix, int prefixLength, Leaf<?> terminal, Object[] children, int count) {
        super(prefix, prefixLength, terminal);
        this.children = children;
        this.count = count;
    }

    /** Key byte {@code i} (unsigned), for {@code i < count}. */
    abstract int keyAt(int i);

    /** The index of a key byte (0..255) by linear scan, or -1. */
    abstract int indexOf(int keyByte);

    final Object childAt(int index) {
        return Node.CHILD.getAcquire(children, index);
    }

    @Override
    final Object child(int keyByte) {
        int i = indexOf(keyByte);
        return i < 0 ? null : childAt(i);
    }

    @Override
    final int childCount() {
        return count;
    }

    @Override
    final int nextKeyByte(int after) {
        for (int i = 0; i < count; i++) {
            int k = keyAt(i);
            if (k > after) {
                return k;
            }
        }
        return -1;
    }

    @Override
    final int previousKeyByte(int before) {
        for (int i = count - 1; i >= 0; i--) {
            int k = keyAt(i);
            if (k < before) {
                return k;
            }
        }
        return -1;
    }

    @Override
    final void replaceChild(int keyByte, Object child) {
        Node.CHILD.setRelease(children, indexOf(keyByte), child);
    }

    /** Copies the entries into new arrays of another capacity, with one key byte inserted in order. */
    final void copyInserting(byte[] toKeys, Object[] toChildren, int keyByte, Object child) {
        int at = 0;
        while (at < count && keyAt(at) < keyByte) {
            at++;
        }
        for (int i = 0; i < count; i++) {
            toKeys[i < at ? i : i + 1] = (byte) keyAt(i);
        }
        System.arraycopy(children, 0, toChildren, 0, at);
        toKeys[at] = (byte) keyByte;
        toChildren[at] = child;
        System.arraycopy(children, at, toChildren, at + 1, count - at);
    }

    /** Copies the entries into new arrays of another capacity, leaving one key byte out. */
    final void copyRemoving(byte[] toKeys, Object[] toChildren, int keyByte) {
        int at = indexOf(keyByte);
        for (int i = 0; i < count; i++) {
            if (i != at) {
                toKeys[i < at ? i : i - 1] = (byte) keyAt(i);
            }
        }
        System.arraycopy(children, 0, toChildren, 0, at);
        System.arraycopy(children, at + 1, toChildren, at, count - at - 1);
    }

    /** Packs key bytes {@code [from, from + n)} little-endian (byte i in bits 8i..8i+7), n <= 8. */
    static long packLittleEndian(byte[] keys, int from, int n) {
        long packed = 0;
        for (int i = 0; i < n; i++) {
            packed |= (keys[from + i] & 0xFFL) << (8 * i);
        }
        return packed;
    }
}
