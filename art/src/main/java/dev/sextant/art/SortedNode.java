package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The two small node types: up to 4 or 16 key bytes (sorted, unsigned) packed into fields of the node
 * itself, which saves the search the dependent load of a key array. {@link Node4} keeps its four child
 * slots in fields too (one object, one cache line per visit); {@link Node16} keeps its 16 in an array.
 *
 * <p>Their key set is immutable, so adding or removing a child makes a copy; only a child slot is
 * ever written in place (release store, {@link #storeChild}). A new node's slots are filled with plain
 * stores ({@link #initChild}) before the node is published by the release store that makes it
 * reachable. That keeps the search free of any coordination with the writer: the packed keys and
 * {@link #count} are final, and packed bytes past {@code count} are zero.
 */
abstract sealed class SortedNode extends Node permits Node4, Node16 {
    final int count;

    SortedNode(long prefix, int prefixLength, Leaf<?> terminal, int count) {
        super(prefix, prefixLength, terminal);
        this.count = count;
    }

    /** Handles to the child fields {@code c0 .. c<n-1>} of the lookup's class (a node class). */
    static VarHandle[] childHandles(MethodHandles.Lookup lookup, int n) {
        Class<?> type = lookup.lookupClass();
        VarHandle[] handles = new VarHandle[n];
        try {
            for (int i = 0; i < n; i++) {
                handles[i] = lookup.findVarHandle(type, "c" + i, Object.class);
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        return handles;
    }

    /** Key byte {@code i} (unsigned), for {@code i < count}. */
    abstract int keyAt(int i);

    /** The index of a key byte (0..255) by linear scan, or -1. */
    abstract int indexOf(int keyByte);

    /** Child slot {@code i} (< capacity), acquire load. */
    abstract Object childAt(int i);

    /** Writes child slot {@code i} with a release store; for a published node. */
    abstract void storeChild(int i, Object child);

    /** Writes child slot {@code i} with a plain store; only for a node not yet published. */
    abstract void initChild(int i, Object child);

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
        storeChild(indexOf(keyByte), child);
    }

    /** Where {@code keyByte} (not present) goes among the sorted key bytes. */
    final int insertionPoint(int keyByte) {
        int at = 0;
        while (at < count && keyAt(at) < keyByte) {
            at++;
        }
        return at;
    }

    /** Key byte {@code i} of the key set with {@code keyByte} inserted at {@code at}. */
    final int keyAtInserting(int i, int at, int keyByte) {
        return i < at ? keyAt(i) : i == at ? keyByte : keyAt(i - 1);
    }

    /** Key byte {@code i} of the key set with index {@code at} removed. */
    final int keyAtRemoving(int i, int at) {
        return i < at ? keyAt(i) : keyAt(i + 1);
    }

    /** Fills the slots of an unpublished node with this node's children and {@code child} inserted at {@code at}. */
    final <N extends SortedNode> N withChildrenInserting(N to, int at, Object child) {
        for (int i = 0; i < at; i++) {
            to.initChild(i, childAt(i));
        }
        to.initChild(at, child);
        for (int i = at; i < count; i++) {
            to.initChild(i + 1, childAt(i));
        }
        return to;
    }

    /** Fills the slots of an unpublished node with this node's children except index {@code at}. */
    final <N extends SortedNode> N withChildrenRemoving(N to, int at) {
        for (int i = 0; i < at; i++) {
            to.initChild(i, childAt(i));
        }
        for (int i = at + 1; i < count; i++) {
            to.initChild(i - 1, childAt(i));
        }
        return to;
    }

    /** Fills the slots of an unpublished node with this node's children. */
    final <N extends SortedNode> N withSameChildren(N to) {
        for (int i = 0; i < count; i++) {
            to.initChild(i, childAt(i));
        }
        return to;
    }
}
