package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference the tree is checked against: a {@link TreeMap} ordered by
 * {@link Arrays#compareUnsigned(byte[], byte[])}, with the tree's extra queries written the obvious
 * way, and an {@link #assertSameAs} that compares every read operation of the tree with it.
 */
final class ReferenceModel<V> {
    final TreeMap<byte[], V> map = new TreeMap<>(Arrays::compareUnsigned);

    V longestPrefixOf(byte[] query) {
        for (int length = query.length; length >= 0; length--) {
            V value = map.get(Arrays.copyOf(query, length));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    int longestPrefixLength(byte[] query) {
        for (int length = query.length; length >= 0; length--) {
            if (map.containsKey(Arrays.copyOf(query, length))) {
                return length;
            }
        }
        return -1;
    }

    List<Map.Entry<byte[], V>> withPrefix(byte[] prefix) {
        List<Map.Entry<byte[], V>> result = new ArrayList<>();
        for (Map.Entry<byte[], V> e : map.tailMap(prefix, true).entrySet()) {
            byte[] key = e.getKey();
            if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                break;
            }
            result.add(e);
        }
        return result;
    }

    /** Asserts that every read of the tree agrees with this model, for all stored keys and {@code queries}. */
    void assertSameAs(AdaptiveRadixTree<V> tree, List<byte[]> queries) {
        TreeInvariants.check(tree);
        assertThat(tree.size()).isEqualTo(map.size());
        assertEntries(tree, tree.iterator(), new ArrayList<>(map.entrySet()), "iteration");
        assertEntry(tree.firstEntry(), map.firstEntry(), "first");
        assertEntry(tree.lastEntry(), map.lastEntry(), "last");
        List<byte[]> all = new ArrayList<>(queries);
        all.addAll(map.keySet());
        for (byte[] q : all) {
            String at = " at " + TreeInvariants.hex(q);
            assertThat(tree.get(q)).as("get" + at).isEqualTo(map.get(q));
            assertThat(tree.containsKey(q)).as("containsKey" + at).isEqualTo(map.containsKey(q));
            AdaptiveRadixTree.Entry<V> prefix = tree.longestPrefixOf(q);
            int expectedLength = longestPrefixLength(q);
            assertThat(prefix == null ? -1 : prefix.keyLength()).as("longestPrefixOf length" + at).isEqualTo(expectedLength);
            if (prefix != null) {
                assertThat(prefix.value()).as("longestPrefixOf value" + at).isEqualTo(longestPrefixOf(q));
            }
            assertEntry(tree.floorEntry(q), map.floorEntry(q), "floor" + at);
            assertEntry(tree.ceilingEntry(q), map.ceilingEntry(q), "ceiling" + at);
            assertEntries(tree, tree.entriesWithPrefix(q).iterator(), withPrefix(q), "prefix scan" + at);
        }
    }

    private void assertEntries(AdaptiveRadixTree<V> tree, Iterator<AdaptiveRadixTree.Entry<V>> actual,
            List<Map.Entry<byte[], V>> expected, String what) {
        List<String> actualText = new ArrayList<>();
        actual.forEachRemaining(e -> actualText.add(TreeInvariants.hex(e.key()) + "=" + e.value()));
        List<String> expectedText = expected.stream()
                .map(e -> TreeInvariants.hex(e.getKey()) + "=" + e.getValue())
                .toList();
        assertThat(actualText).as(what + " of " + tree).isEqualTo(expectedText);
    }

    private static <V> void assertEntry(AdaptiveRadixTree.Entry<V> actual, Map.Entry<byte[], V> expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(TreeInvariants.hex(actual.key())).as(what + " key").isEqualTo(TreeInvariants.hex(expected.getKey()));
        assertThat(actual.keyLength()).as(what + " keyLength").isEqualTo(expected.getKey().length);
        assertThat(actual.value()).as(what + " value").isEqualTo(expected.getValue());
    }
}
