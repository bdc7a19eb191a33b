package dev.sextant.art;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a subtree in key order (unsigned lexicographic): at each node the terminal entry first, since
 * its key is a prefix of every other key below, then the children by ascending key byte.
 *
 * <p>Weakly consistent under a concurrent writer: it never throws because of a write, returns each
 * key at most once and in strictly increasing order, returns every entry that was present for the
 * whole iteration, and may or may not return entries added or removed meanwhile. Each frame keeps
 * the node object it started on, so it keeps reading the version of that node it saw, and it moves on
 * by key byte rather than by position, which stays meaningful when a node grows in place.
 */
final class EntryIterator<V> implements Iterator<AdaptiveRadixTree.Entry<V>> {
    /** Cursor value of a frame whose terminal entry has not been visited yet. */
    private static final int BEFORE_TERMINAL = -2;

    private Node[] nodes = new Node[8];
    /** Per frame: BEFORE_TERMINAL, or the last key byte visited (-1 when none yet). */
    private int[] cursors = new int[8];
    private int top = -1;
    private Leaf<V> next;

    @SuppressWarnings("unchecked")
    EntryIterator(Object subtree) {
        if (subtree instanceof Leaf<?> leaf) {
            next = (Leaf<V>) leaf;
        } else if (subtree != null) {
            push((Node) subtree);
            next = advance();
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public AdaptiveRadixTree.Entry<V> next() {
        Leaf<V> current = next;
        if (current == null) {
            throw new NoSuchElementException();
        }
        next = advance();
        return current;
    }

    @SuppressWarnings("unchecked")
    private Leaf<V> advance() {
        while (top >= 0) {
            Node node = nodes[top];
            int cursor = cursors[top];
            if (cursor == BEFORE_TERMINAL) {
                cursors[top] = -1;
                Leaf<V> terminal = node.terminal();
                if (terminal != null) {
                    return terminal;
                }
                continue;
            }
            int keyByte = node.nextKeyByte(cursor);
            if (keyByte < 0) {
                nodes[top--] = null;
                continue;
            }
            cursors[top] = keyByte;
            Object child = node.child(keyByte);
            if (child instanceof Leaf<?> leaf) {
                return (Leaf<V>) leaf;
            }
            if (child != null) {
                push((Node) child);
            }
        }
        return null;
    }

    private void push(Node node) {
        if (++top == nodes.length) {
            nodes = Arrays.copyOf(nodes, top * 2);
            cursors = Arrays.copyOf(cursors, top * 2);
        }
        nodes[top] = node;
        cursors[top] = BEFORE_TERMINAL;
    }
}
