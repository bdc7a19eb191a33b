package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An inner node: a compressed path, an optional entry whose key ends right after that path (the
 * "terminal", which lets a key be a prefix of another), and children keyed by the next key byte.
 * A child is another {@code Node} or a {@link Leaf}.
 *
 * <p>Invariant kept by the writer: every node that readers can reach has at least two entries
 * (children plus terminal). A node with one entry left is replaced by that entry.
 *
 * <p>Mutation rules, which the concurrency argument in {@link AdaptiveRadixTree} relies on: the path
 * and the key set of {@link Node4} and {@link Node16} never change after construction (changes make a
 * copy); {@link Node48} and {@link Node256} gain children in place; a child slot and the terminal may
 * be replaced in place. Every in-place write is a release store and every read of a mutable slot an
 * acquire load. A node that has been replaced is never written again.
 */
abstract sealed class Node permits SortedNode, Node48, Node256 {
    /** Element access with acquire/release semantics on children arrays. */
    static final VarHandle CHILD = MethodHandles.arrayElementVarHandle(Object[].class);

    private static final VarHandle TERMINAL;

    static {
        try {
            TERMINAL = MethodHandles.lookup().findVarHandle(Node.class, "terminal", Leaf.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The first bytes of the compressed path, see {@link CompressedPath}. */
    final long prefix;
    /** The full length of the compressed path, >= 0. */
    final int prefixLength;

    @SuppressWarnings("FieldMayBeFinal") // written through TERMINAL
    private Leaf<?> terminal;

    Node(long prefix, int prefixLength, Leaf<?> terminal) {
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.terminal = terminal;
    }

    /** The entry whose key ends at this node, or null. */
    @SuppressWarnings("unchecked")
    final <V> Leaf<V> terminal() {
        return (Leaf<V>) TERMINAL.getAcquire(this);
    }

    /** Sets or clears the terminal entry in place; writer only. */
    final void publishTerminal(Leaf<?> leaf) {
        TERMINAL.setRelease(this, leaf);
    }

    /** The child for an unsigned key byte (0..255), or null. */
    abstract Object child(int keyByte);

    /** How many children the node has; writer only for the growable nodes. */
    abstract int childCount();

    /** The smallest key byte greater than {@code after} (-1..255) that has a child, or -1. */
    abstract int nextKeyByte(int after);

    /** The largest key byte smaller than {@code before} (0..256) that has a child, or -1. */
    abstract int previousKeyByte(int before);

    /**
     * Adds a child under a key byte that has none. Returns this node if it changed in place, or the
     * node (a copy, or a larger type) that must replace it in the parent.
     */
    abstract Node withChild(int keyByte, Object child);

    /**
     * Removes the child under a key byte; the caller guarantees that at least two entries remain.
     * Returns this node if it changed in place, or the node that must replace it in the parent.
     */
    abstract Node withoutChild(int keyByte);

    /** Replaces the child under a key byte that has one, in place. */
    abstract void replaceChild(int keyByte, Object child);

    /** A copy of this node with another compressed path and the same entries. */
    abstract Node withPrefix(long prefix, int prefixLength);
}
