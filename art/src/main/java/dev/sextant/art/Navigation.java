package dev.sextant.art;

/**
 * Ordered navigation: smallest and largest entries, floor and ceiling, and the subtree of a key
 * prefix. Unlike {@link Lookup} these need the exact bytes of long compressed paths, which they read
 * from a leaf below the node.
 *
 * <p>Floor and ceiling walk the query's path once and remember the deepest node where the answer
 * would continue if the path fails below it (a sibling just above or below the query byte), so they
 * need no stack and allocate nothing. Under concurrent writes a remembered sibling can vanish before
 * it is used (a Node256 loses children in place); the walk then starts again from the root.
 */
final class Navigation {
    private Navigation() {}

    /** The smallest entry in the subtree, or null if it has none. */
    static Leaf<?> first(Object subtree) {
        Object n = subtree;
        while (n != null) {
            if (n instanceof Leaf<?> leaf) {
                return leaf;
            }
            Node node = (Node) n;
            Leaf<?> terminal = node.terminal();
            if (terminal != null) {
                return terminal;
            }
            n = childFrom(node, -1);
        }
        return null;
    }

    /** The largest entry in the subtree, or null if it has none. */
    static Leaf<?> last(Object subtree) {
        Object n = subtree;
        while (n != null) {
            if (n instanceof Leaf<?> leaf) {
                return leaf;
            }
            Node node = (Node) n;
            Object child = childBefore(node, 256);
            if (child == null) {
                return node.terminal();
            }
            n = child;
        }
        return null;
    }

    /** The first non-null child under a key byte greater than {@code after}, or null. */
    private static Object childFrom(Node node, int after) {
        for (int k = node.nextKeyByte(after); k >= 0; k = node.nextKeyByte(k)) {
            Object child = node.child(k);
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    /** The last non-null child under a key byte smaller than {@code before}, or null. */
    private static Object childBefore(Node node, int before) {
        for (int k = node.previousKeyByte(before); k >= 0; k = node.previousKeyByte(k)) {
            Object child = node.child(k);
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    /**
     * How many of the first {@code limit} (<= prefixLength) bytes of the node's compressed path equal
     * the key bytes from {@code offset + depth}; -1 if the node has no entry to read skipped bytes from
     * (possible only while a concurrent writer empties it).
     */
    static int pathMatchLength(Node node, int depth, byte[] key, int offset, int limit) {
        int stored = Math.min(limit, CompressedPath.STORED);
        int from = offset + depth;
        for (int i = 0; i < stored; i++) {
            if (CompressedPath.byteAt(node.prefix, i) != (key[from + i] & 0xFF)) {
                return i;
            }
        }
        if (limit <= CompressedPath.STORED) {
            return limit;
        }
        Leaf<?> source = first(node);
        if (source == null) {
            return -1;
        }
        int mismatch = source.mismatch(depth + CompressedPath.STORED, depth + limit, key, from + CompressedPath.STORED);
        return mismatch < 0 ? limit : CompressedPath.STORED + mismatch;
    }

    /** Byte {@code i} of the node's compressed path (unsigned); the node sits at {@code depth}. */
    static int pathByte(Node node, int depth, int i) {
        if (i < CompressedPath.STORED) {
            return CompressedPath.byteAt(node.prefix, i);
        }
        Leaf<?> source = first(node);
        return source == null ? 0 : source.keyByte(depth + i);
    }

    /** The entry with the smallest key >= the query, or null. */
    static Leaf<?> ceiling(Object root, byte[] key, int offset, int length) {
        while (true) {
            Node fallback = null;
            int fallbackAfter = 0;
            Object n = root;
            int depth = 0;
            while (n != null) {
                if (n instanceof Leaf<?> leaf) {
                    if (leaf.compareTo(key, offset, length) >= 0) {
                        return leaf;
                    }
                    break;
                }
                Node node = (Node) n;
                int pathLength = node.prefixLength;
                if (pathLength != 0) {
                    int limit = Math.min(pathLength, length - depth);
                    int match = pathMatchLength(node, depth, key, offset, limit);
                    if (match < 0) {
                        break;
                    }
                    if (match < limit) {
                        if ((key[offset + depth + match] & 0xFF) < pathByte(node, depth, match)) {
                            Leaf<?> smallest = first(node);
                            if (smallest != null) {
                                return smallest;
                            }
                        }
                        break;
                    }
                    if (limit < pathLength) {
                        // The query ends inside the path: everything below extends it, so is greater.
                        Leaf<?> smallest = first(node);
                        if (smallest != null) {
                            return smallest;
                        }
                        break;
                    }
                    depth += pathLength;
                }
                if (depth == length) {
                    Leaf<?> smallest = first(node); // the terminal equals the query; children are greater
                    if (smallest != null) {
                        return smallest;
                    }
                    break;
                }
                int keyByte = key[offset + depth] & 0xFF;
                if (node.nextKeyByte(keyByte) >= 0) {
                    fallback = node;
                    fallbackAfter = keyByte;
                }
                n = node.child(keyByte);
                depth++;
            }
            if (fallback == null) {
                return null;
            }
            Leaf<?> answer = first(childFrom(fallback, fallbackAfter));
            if (answer != null) {
                return answer;
            }
            // The remembered sibling was removed meanwhile: walk again.
        }
    }

    /** The entry with the largest key <= the query, or null. */
    static Leaf<?> floor(Object root, byte[] key, int offset, int length) {
        while (true) {
            Node fallback = null;
            int fallbackBefore = 0;
            Object n = root;
            int depth = 0;
            while (n != null) {
                if (n instanceof Leaf<?> leaf) {
                    if (leaf.compareTo(key, offset, length) <= 0) {
                        return leaf;
                    }
                    break;
                }
                Node node = (Node) n;
                int pathLength = node.prefixLength;
                if (pathLength != 0) {
                    int limit = Math.min(pathLength, length - depth);
                    int match = pathMatchLength(node, depth, key, offset, limit);
                    if (match < 0 || limit < pathLength && match == limit) {
                        break; // empty, or the query ends inside the path: everything below is greater
                    }
                    if (match < limit) {
                        if ((key[offset + depth + match] & 0xFF) > pathByte(node, depth, match)) {
                            Leaf<?> largest = last(node);
                            if (largest != null) {
                                return largest;
                            }
                        }
                        break;
                    }
                    depth += pathLength;
                }
                if (depth == length) {
                    Leaf<?> terminal = node.terminal();
                    if (terminal != null) {
                        return terminal;
                    }
                    break;
                }
                int keyByte = key[offset + depth] & 0xFF;
                if (node.previousKeyByte(keyByte) >= 0 || node.terminal() != null) {
                    fallback = node;
                    fallbackBefore = keyByte;
                }
                n = node.child(keyByte);
                depth++;
            }
            if (fallback == null) {
                return null;
            }
            Object sibling = childBefore(fallback, fallbackBefore);
            Leaf<?> answer = sibling != null ? last(sibling) : fallback.terminal();
            if (answer != null) {
                return answer;
            }
        }
    }

    /**
     * The subtree that holds exactly the entries whose keys start with {@code prefix}: a node, a leaf,
     * or null when there are none.
     */
    static Object prefixSubtree(Object root, byte[] prefix, boolean vector) {
        Object n = root;
        int depth = 0;
        int length = prefix.length;
        while (n != null) {
            if (n instanceof Leaf<?> leaf) {
                return leaf.startsWith(prefix) ? leaf : null;
            }
            Node node = (Node) n;
            int pathLength = node.prefixLength;
            if (pathLength != 0) {
                int compared = Math.min(pathLength, length - depth);
                if (compared > 0 && !CompressedPath.storedBytesMatch(node.prefix, compared, prefix, depth)) {
                    return null;
                }
                depth += pathLength;
            }
            if (depth >= length) {
                // Every key below shares the bytes up to here, so one leaf tells for all of them
                // (and settles any path bytes that were skipped).
                Leaf<?> any = first(node);
                return any != null && any.startsWith(prefix) ? node : null;
            }
            n = Lookup.childOf(node, prefix[depth], vector);
            depth++;
        }
        return null;
    }
}
