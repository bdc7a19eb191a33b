package dev.sextant.art;

/**
 * The two small node types: parallel arrays of key bytes (sorted, unsigned) and children. Their key
 * set is immutable, so adding or removing a child makes a copy; only a child slot is ever written in
 * place. That keeps the search free of any coordination with the writer: {@link #count} and
 * {@link #keys} are final, and bytes past {@code count} are zero.
 */
abstract sealed class SortedNode extends Node permits Node4, Node16 {
    final byte[] keys;
    final Object[] children;
    final int count;

    SortedNode(long prefix, int prefixLength, Leaf<?> terminal, byte[] keys, Object[] children, int count) {
        super(prefix, prefixLength, terminal);
        this.keys = keys;
        this.children = children;
        this.count = count;
    }

    /** The index of a key byte by linear scan, or -1. This is also the SCALAR Node16 search. */
    final int indexOf(int keyByte) {
        byte wanted = (byte) keyByte;
        for (int i = 0; i < count; i++) {
            if (keys[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

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
            int k = keys[i] & 0xFF;
            if (k > after) {
                return k;
            }
        }
        return -1;
    }

    @Override
    final int previousKeyByte(int before) {
        for (int i = count - 1; i >= 0; i--) {
            int k = keys[i] & 0xFF;
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

    /** Copies the entries into arrays of another capacity, with one key byte inserted in order. */
    final void copyInserting(byte[] toKeys, Object[] toChildren, int keyByte, Object child) {
        int at = 0;
        while (at < count && (keys[at] & 0xFF) < keyByte) {
            at++;
        }
        System.arraycopy(keys, 0, toKeys, 0, at);
        System.arraycopy(children, 0, toChildren, 0, at);
        toKeys[at] = (byte) keyByte;
        toChildren[at] = child;
        System.arraycopy(keys, at, toKeys, at + 1, count - at);
        System.arraycopy(children, at, toChildren, at + 1, count - at);
    }

    /** Copies the entries into arrays of another capacity, leaving one key byte out. */
    final void copyRemoving(byte[] toKeys, Object[] toChildren, int keyByte) {
        int at = indexOf(keyByte);
        System.arraycopy(keys, 0, toKeys, 0, at);
        System.arraycopy(children, 0, toChildren, 0, at);
        System.arraycopy(keys, at + 1, toKeys, at, count - at - 1);
        System.arraycopy(children, at + 1, toChildren, at, count - at - 1);
    }
}
