package dev.sextant.art;

/**
 * The writer's remove. Like {@link Insertion} it publishes one structural change with one release
 * store. A node left with a single entry is replaced by that entry: a leaf directly (leaves hold
 * their full key), or a child node that takes over the node's path, the key byte and its own path.
 */
final class Removal {
    private Removal() {}

    static <V> V remove(AdaptiveRadixTree<V> tree, byte[] key, int offset, int length) {
        boolean vector = tree.vectorNode16();
        Object n = tree.root();
        Node grandparent = null;
        int grandparentKeyByte = 0;
        Node parent = null;
        int parentKeyByte = 0;
        int depth = 0;
        while (n != null) {
            if (n instanceof Leaf<?> found) {
                if (!found.keyEquals(key, offset, length)) {
                    return null;
                }
                if (parent == null) {
                    tree.replaceChild(null, 0, null);
                } else {
                    removeChild(tree, parent, parentKeyByte, grandparent, grandparentKeyByte);
                }
                return removed(tree, found);
            }
            Node node = (Node) n;
            int pathLength = node.prefixLength;
            if (pathLength != 0) {
                if (length - depth < pathLength
                        || !CompressedPath.storedBytesMatch(node.prefix, pathLength, key, offset + depth)) {
                    return null;
                }
                depth += pathLength;
            }
            if (depth == length) {
                Leaf<?> terminal = node.terminal();
                if (terminal == null || !terminal.keyEquals(key, offset, length)) {
                    return null;
                }
                removeTerminal(tree, node, parent, parentKeyByte);
                return removed(tree, terminal);
            }
            byte keyByte = key[offset + depth];
            grandparent = parent;
            grandparentKeyByte = parentKeyByte;
            parent = node;
            parentKeyByte = keyByte & 0xFF;
            n = Lookup.childOf(node, keyByte, vector);
            depth++;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <V> V removed(AdaptiveRadixTree<V> tree, Leaf<?> leaf) {
        tree.addToSize(-1);
        return (V) leaf.value();
    }

    private static void removeChild(AdaptiveRadixTree<?> tree, Node node, int keyByte, Node parent, int parentKeyByte) {
        Leaf<?> terminal = node.terminal();
        int remaining = node.childCount() - 1 + (terminal != null ? 1 : 0);
        if (remaining == 1) {
            if (terminal != null) {
                tree.replaceChild(parent, parentKeyByte, terminal);
            } else {
                int other = node.nextKeyByte(-1);
                if (other == keyByte) {
                    other = node.nextKeyByte(keyByte);
                }
                tree.replaceChild(parent, parentKeyByte, merged(node, other, node.child(other)));
            }
            return;
        }
        Node updated = node.withoutChild(keyByte);
        if (updated != node) {
            tree.replaceChild(parent, parentKeyByte, updated);
        }
    }

    private static void removeTerminal(AdaptiveRadixTree<?> tree, Node node, Node parent, int parentKeyByte) {
        if (node.childCount() == 1) {
            int only = node.nextKeyByte(-1);
            tree.replaceChild(parent, parentKeyByte, merged(node, only, node.child(only)));
        } else {
            node.publishTerminal(null);
        }
    }

    /** What replaces {@code node} when {@code child}, under {@code keyByte}, is its only entry left. */
    private static Object merged(Node node, int keyByte, Object child) {
        if (child instanceof Leaf<?>) {
            return child;
        }
        Node below = (Node) child;
        long path = CompressedPath.concat(node.prefix, node.prefixLength, keyByte, below.prefix);
        return below.withPrefix(path, node.prefixLength + 1 + below.prefixLength);
    }
}
