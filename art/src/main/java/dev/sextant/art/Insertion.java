package dev.sextant.art;

/**
 * The writer's put: one walk down the key's path, then exactly one structural change, published
 * with a single release store (into the parent's slot, the root, a terminal, or a leaf's value), so
 * readers see the tree either before or after it.
 */
final class Insertion {
    private Insertion() {}

    static <V> V put(AdaptiveRadixTree<V> tree, byte[] key, int offset, int length, V value) {
        boolean vector = tree.vectorNode16();
        Object n = tree.root();
        Node parent = null;
        int parentKeyByte = 0;
        int depth = 0;
        while (true) {
            if (n == null) {
                tree.replaceChild(null, 0, newLeaf(key, offset, length, value));
                tree.addToSize(1);
                return null;
            }
            if (n instanceof Leaf<?> found) {
                @SuppressWarnings("unchecked")
                Leaf<V> existing = (Leaf<V>) found;
                if (existing.keyEquals(key, offset, length)) {
                    return replaceValue(existing, value);
                }
                tree.replaceChild(parent, parentKeyByte,
                        splitLeaf(existing, depth, key, offset, length, newLeaf(key, offset, length, value)));
                tree.addToSize(1);
                return null;
            }
            Node node = (Node) n;
            int pathLength = node.prefixLength;
            if (pathLength != 0) {
                int limit = Math.min(pathLength, length - depth);
                int match = Navigation.pathMatchLength(node, depth, key, offset, limit);
                if (match < pathLength) {
                    Leaf<V> leaf = newLeaf(key, offset, length, value);
                    tree.replaceChild(parent, parentKeyByte, splitPath(node, depth, match, key, offset, length, leaf));
                    tree.addToSize(1);
                    return null;
                }
                depth += pathLength;
            }
            if (depth == length) {
                Leaf<V> terminal = node.terminal();
                if (terminal != null) {
                    return replaceValue(terminal, value);
                }
                node.publishTerminal(newLeaf(key, offset, length, value));
                tree.addToSize(1);
                return null;
            }
            byte keyByte = key[offset + depth];
            Object child = Lookup.childOf(node, keyByte, vector);
            if (child == null) {
                Node updated = node.withChild(keyByte & 0xFF, newLeaf(key, offset, length, value));
                if (updated != node) {
                    tree.replaceChild(parent, parentKeyByte, updated);
                }
                tree.addToSize(1);
                return null;
            }
            parent = node;
            parentKeyByte = keyByte & 0xFF;
            n = child;
            depth++;
        }
    }

    private static <V> V replaceValue(Leaf<V> leaf, V value) {
        V old = leaf.value();
        leaf.value(value);
        return old;
    }

    private static <V> Leaf<V> newLeaf(byte[] key, int offset, int length, V value) {
        return Leaf.of(key, offset, length, value);
    }

    /**
     * Two leaves that share their first {@code depth} bytes become the two entries of a new Node4
     * whose path is the rest of what they share. {@code added} holds {@code key[offset, offset +
     * length)}, which the split reads instead of the leaf, so no key array is made.
     */
    private static Node4 splitLeaf(Leaf<?> existing, int depth, byte[] key, int offset, int length, Leaf<?> added) {
        int existingLength = existing.keyLength();
        int limit = Math.min(existingLength, length);
        int mismatch = existing.mismatch(depth, limit, key, offset + depth);
        // No mismatch within the shorter key: it is a prefix of the other and becomes the terminal.
        int shared = mismatch < 0 ? limit - depth : mismatch;
        int splitDepth = depth + shared;
        long path = CompressedPath.pack(key, offset + depth, shared);
        if (existingLength == splitDepth) {
            return Node4.of(path, shared, existing, key[offset + splitDepth] & 0xFF, added);
        }
        if (length == splitDepth) {
            return Node4.of(path, shared, added, existing.keyByte(splitDepth), existing);
        }
        return Node4.of(path, shared, existing.keyByte(splitDepth), existing, key[offset + splitDepth] & 0xFF, added);
    }

    /**
     * The new key leaves the node's compressed path after {@code match} bytes: a new Node4 takes the
     * shared part, with the node (keeping the rest of its path after the byte where they part) and
     * the new leaf as its entries.
     */
    private static Node4 splitPath(Node node, int depth, int match, byte[] key, int offset, int length, Leaf<?> leaf) {
        int pathLength = node.prefixLength;
        int nodeByte = Navigation.pathByte(node, depth, match);
        int restLength = pathLength - match - 1;
        long rest = pathLength <= CompressedPath.STORED
                ? CompressedPath.dropStored(node.prefix, match + 1)
                : CompressedPath.pack(Navigation.first(node), depth + match + 1, restLength);
        Node lower = node.withPrefix(rest, restLength);
        int splitDepth = depth + match;
        long shared = CompressedPath.pack(key, offset + depth, match);
        if (length == splitDepth) {
            return Node4.of(shared, match, leaf, nodeByte, lower);
        }
        return Node4.of(shared, match, nodeByte, lower, key[offset + splitDepth] & 0xFF, leaf);
    }
}
