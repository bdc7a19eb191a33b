package dev.sextant.art;

/**
 * The read paths that must be fast and allocation-free: exact lookup and longest stored prefix.
 *
 * <p>Both walk down from a root read once, compare compressed paths on their stored bytes and skip
 * the rest optimistically, and confirm the answer against the full key held by the leaf. Node types
 * are told apart with {@code instanceof} on final classes and each node type's search is statically
 * bound, so the loop makes no virtual call; the one call left, the leaf's key comparison, sees at
 * most two leaf classes and is inlined for both.
 */
final class Lookup {
    private Lookup() {}

    /** The leaf whose key is exactly {@code key[offset, offset + length)}, or null. */
    static Leaf<?> find(Object root, byte[] key, int offset, int length, boolean vector) {
        Object n = root;
        int depth = 0;
        // Until a compressed path longer than the stored bytes is skipped, every key byte before
        // `depth` has been compared on the way down, so the leaf only compares the rest.
        boolean skipped = false;
        while (n != null) {
            if (n instanceof Leaf<?> leaf) {
                return leaf.keyEquals(key, offset, length, skipped ? 0 : depth) ? leaf : null;
            }
            Node node = (Node) n;
            int pathLength = node.prefixLength;
            if (pathLength != 0) {
                if (length - depth < pathLength
                        || !CompressedPath.storedBytesMatch(node.prefix, pathLength, key, offset + depth)) {
                    return null;
                }
                skipped |= pathLength > CompressedPath.STORED;
                depth += pathLength;
            }
            if (depth == length) {
                Leaf<?> terminal = node.terminal();
                return terminal != null && terminal.keyEquals(key, offset, length, skipped ? 0 : depth) ? terminal : null;
            }
            n = childOf(node, key[offset + depth], vector);
            depth++;
        }
        return null;
    }

    /** The child of {@code node} under {@code keyByte}, or null, with the tree's Node16 search. */
    static Object childOf(Node node, byte keyByte, boolean vector) {
        if (node instanceof Node16 n16) {
            int i = vector
                    ? VectorKeySearch.indexOf(n16.keysLow, n16.keysHigh, n16.count, keyByte)
                    : n16.indexOf(keyByte & 0xFF);
            return i < 0 ? null : n16.childAt(i);
        }
        if (node instanceof Node4 n4) {
            int i = n4.indexOf(keyByte & 0xFF);
            return i < 0 ? null : n4.childAt(i);
        }
        if (node instanceof Node48 n48) {
            return n48.child(keyByte & 0xFF);
        }
        return ((Node256) node).child(keyByte & 0xFF);
    }

    /**
     * The leaf with the longest key that is a prefix of (or equal to) {@code key[offset, offset +
     * length)}, or null.
     *
     * <p>All candidates lie on the one path the query selects, each a prefix of the next. While every
     * compressed path on the way was compared in full, the candidates need no check. Once a path was
     * skipped optimistically, each new candidate is checked against the query, but only on the bytes
     * no earlier candidate covered, so the whole walk compares each query byte at most once more.
     */
    static Leaf<?> longestPrefix(Object root, byte[] key, int offset, int length, boolean vector) {
        Leaf<?> best = null;
        boolean skipped = false;
        int verified = 0;
        Object n = root;
        int depth = 0;
        while (n != null) {
            if (n instanceof Leaf<?> leaf) {
                return leaf.isPrefixOf(key, offset, length) ? leaf : best;
            }
            Node node = (Node) n;
            int pathLength = node.prefixLength;
            if (pathLength != 0) {
                if (length - depth < pathLength
                        || !CompressedPath.storedBytesMatch(node.prefix, pathLength, key, offset + depth)) {
                    return best;
                }
                skipped |= pathLength > CompressedPath.STORED;
                depth += pathLength;
            }
            Leaf<?> terminal = node.terminal();
            if (terminal != null) {
                if (skipped) {
                    int end = terminal.keyLength();
                    if (end != depth || terminal.mismatch(verified, end, key, offset + verified) >= 0) {
                        return best; // deeper candidates extend this one, so they fail too
                    }
                    verified = end;
                }
                best = terminal;
            }
            if (depth == length) {
                return best;
            }
            n = childOf(node, key[offset + depth], vector);
            depth++;
        }
        return best;
    }
}
