package dev.sextant.art;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the structural invariants of a quiescent tree and describes its shape; the properties and
 * examples call it after every change, so a broken node is caught where it is made, not when a
 * lookup later happens to cross it.
 */
final class TreeInvariants {
    private TreeInvariants() {}

    /**
     * What a tree is made of: nodes of each type, leaves (entries), terminal entries (keys that are a
     * prefix of other keys) and nodes whose compressed path is longer than the stored 8 bytes.
     */
    record Shape(int node4, int node16, int node48, int node256, int leaves, int terminals, int longPaths) {
        int innerNodes() {
            return node4 + node16 + node48 + node256;
        }
    }

    static Shape check(AdaptiveRadixTree<?> tree) {
        int[] counts = new int[7];
        Object root = tree.root();
        if (root != null) {
            walk(root, new byte[0], counts);
        }
        if (counts[4] != tree.size()) {
            throw new AssertionError("size() is " + tree.size() + " but the tree holds " + counts[4] + " leaves");
        }
        return new Shape(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }

    /** The type of the node the path {@code keyPrefix} leads to, for tests of growth and shrinking. */
    static Class<?> nodeTypeAt(AdaptiveRadixTree<?> tree, byte[] keyPrefix) {
        Object n = tree.root();
        int depth = 0;
        while (n instanceof Node node) {
            depth += node.prefixLength;
            if (depth >= keyPrefix.length) {
                return node.getClass();
            }
            n = node.child(keyPrefix[depth++] & 0xFF);
        }
        return n == null ? null : n.getClass();
    }

    private static void walk(Object n, byte[] path, int[] counts) {
        if (n instanceof Leaf<?> leaf) {
            counts[4]++;
            byte[] key = leaf.key();
            require(key.length >= path.length && Arrays.equals(key, 0, path.length, path, 0, path.length),
                    "leaf " + hex(key) + " is not under path " + hex(path));
            require(leaf.value() != null, "leaf " + hex(key) + " has a null value");
            require(leaf instanceof WordLeaf == key.length <= CompressedPath.STORED, "wrong leaf type for " + hex(key));
            require(leaf instanceof WordsLeaf == (key.length > CompressedPath.STORED && key.length <= WordsLeaf.MAX_LENGTH),
                    "wrong leaf type for " + hex(key));
            return;
        }
        Node node = (Node) n;
        // The node's full path: read it from any leaf below, then check the stored copy.
        Leaf<?> any = Navigation.first(node);
        require(any != null, "empty node under " + hex(path));
        int depth = path.length + node.prefixLength;
        byte[] anyKey = any.key();
        require(anyKey.length >= depth, "node path runs past its leaf " + hex(anyKey));
        byte[] full = Arrays.copyOf(anyKey, depth);
        require(Arrays.equals(full, 0, path.length, path, 0, path.length), "node under wrong path " + hex(path));
        long stored = CompressedPath.pack(full, path.length, node.prefixLength);
        require(stored == node.prefix, "stored path " + Long.toHexString(node.prefix) + " != " + Long.toHexString(stored)
                + " under " + hex(path));

        List<Integer> keyBytes = new ArrayList<>();
        for (int k = node.nextKeyByte(-1); k >= 0; k = node.nextKeyByte(k)) {
            require(keyBytes.isEmpty() || k > keyBytes.getLast(), "key bytes out of order under " + hex(path));
            keyBytes.add(k);
        }
        for (int k = node.previousKeyByte(256), i = keyBytes.size() - 1; k >= 0; k = node.previousKeyByte(k), i--) {
            require(i >= 0 && keyBytes.get(i) == k, "previousKeyByte disagrees with nextKeyByte under " + hex(path));
        }
        int children = keyBytes.size();
        if (node.prefixLength > CompressedPath.STORED) {
            counts[6]++;
        }
        require(children == node.childCount(), "childCount " + node.childCount() + " != " + children);
        Leaf<?> terminal = node.terminal();
        require(children + (terminal != null ? 1 : 0) >= 2, "node with fewer than two entries under " + hex(path));
        switch (node) {
            case Node4 n4 -> {
                counts[0]++;
                require(children >= 1 && children <= 4, "Node4 with " + children + " children");
                checkSorted(n4);
            }
            case Node16 n16 -> {
                counts[1]++;
                require(children > Node16.SHRINK_AT && children <= 16, "Node16 with " + children + " children");
                checkSorted(n16);
            }
            case Node48 ignored -> {
                counts[2]++;
                require(children > Node48.SHRINK_AT && children <= 48, "Node48 with " + children + " children");
            }
            case Node256 ignored -> {
                counts[3]++;
                require(children > Node256.SHRINK_AT, "Node256 with " + children + " children");
            }
        }
        if (terminal != null) {
            require(Arrays.equals(terminal.key(), full), "terminal " + hex(terminal.key()) + " at path " + hex(full));
            counts[4]++;
            counts[5]++;
        }
        for (int k : keyBytes) {
            Object child = node.child(k);
            require(child != null, "null child under a listed key byte");
            byte[] childPath = Arrays.copyOf(full, depth + 1);
            childPath[depth] = (byte) k;
            walk(child, childPath, counts);
        }
    }

    private static void checkSorted(SortedNode node) {
        int capacity = node instanceof Node4 ? Node4.CAPACITY : Node16.CAPACITY;
        for (int i = node.count; i < capacity; i++) {
            require(node.keyAt(i) == 0 && node.childAt(i) == null, "garbage past count in " + node.getClass().getSimpleName());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
