package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveRadixTreeTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static AdaptiveRadixTree<String> treeOf(Node16Search search, String... keys) {
        AdaptiveRadixTree<String> tree = AdaptiveRadixTree.builder().node16Search(search).build();
        for (String key : keys) {
            tree.put(bytes(key), key);
        }
        TreeInvariants.check(tree);
        return tree;
    }

    private static List<String> keys(Iterable<AdaptiveRadixTree.Entry<String>> entries) {
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(new String(e.key(), StandardCharsets.ISO_8859_1)));
        return keys;
    }

    @ParameterizedTest
    @EnumSource(Node16Search.class)
    void getPutRemoveOnKeysThatArePrefixesOfEachOther(Node16Search search) {
        AdaptiveRadixTree<String> tree = treeOf(search, "apple", "app", "application", "", "a", "banana");
        assertThat(tree.size()).isEqualTo(6);
        for (String key : List.of("apple", "app", "application", "", "a", "banana")) {
            assertThat(tree.get(bytes(key))).as(key).isEqualTo(key);
        }
        assertThat(tree.get(bytes("ap"))).isNull();
        assertThat(tree.get(bytes("applications"))).isNull();
        assertThat(tree.remove(bytes("app"))).isEqualTo("app");
        assertThat(tree.remove(bytes("app"))).isNull();
        TreeInvariants.check(tree);
        assertThat(keys(tree)).containsExactly("", "a", "apple", "application", "banana");
    }

    /** Regression: inserting a key that is a proper prefix of a lone leaf's key split at the wrong depth. */
    @Test
    void aKeyThatIsAPrefixOfALeafBecomesItsTerminal() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR, "abcdef");
        tree.put(bytes("abc"), "abc");
        TreeInvariants.check(tree);
        assertThat(tree.get(bytes("abc"))).isEqualTo("abc");
        assertThat(tree.get(bytes("abcdef"))).isEqualTo("abcdef");
    }

    @ParameterizedTest
    @EnumSource(Node16Search.class)
    void theEmptyKeyIsAKey(Node16Search search) {
        AdaptiveRadixTree<String> tree = treeOf(search);
        assertThat(tree.put(new byte[0], "empty")).isNull();
        assertThat(tree.get(new byte[0])).isEqualTo("empty");
        assertThat(tree.put(new byte[0], "again")).isEqualTo("empty");
        tree.put(bytes("x"), "x");
        assertThat(tree.firstEntry().keyLength()).isZero();
        assertThat(tree.longestPrefixOf(bytes("zzz")).value()).isEqualTo("again");
        assertThat(tree.remove(new byte[0])).isEqualTo("again");
        assertThat(keys(tree)).containsExactly("x");
    }

    @Test
    void ordersKeysAsUnsignedBytes() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.VECTOR);
        byte[][] keys = {{(byte) 0xFF}, {0x7F}, {(byte) 0x80}, {0x00}, {0x00, 0x00}, {(byte) 0x80, 0x01}};
        for (byte[] key : keys) {
            tree.put(key, TreeInvariants.hex(key));
        }
        List<String> order = new ArrayList<>();
        tree.forEach(e -> order.add(e.value()));
        assertThat(order).containsExactly("0x00", "0x0000", "0x7f", "0x80", "0x8001", "0xff");
    }

    /** Node types at the growth boundaries, and back down on removal, under one 3-byte stem. */
    @ParameterizedTest
    @CsvSource({
        "2, Node4", "4, Node4", "5, Node16", "16, Node16", "17, Node48", "48, Node48", "49, Node256", "256, Node256"
    })
    void growsAtTheBoundaries(int children, String expectedType) {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.builder().node16Search(Node16Search.VECTOR).build();
        byte[] stem = bytes("stm");
        for (int b = 0; b < children; b++) {
            tree.put(AdaptiveRadixTreeProperties.concat(stem, new byte[] {(byte) (255 - b)}), b);
        }
        TreeInvariants.check(tree);
        assertThat(TreeInvariants.nodeTypeAt(tree, stem).getSimpleName()).isEqualTo(expectedType);
        for (int b = 0; b < children; b++) {
            assertThat(tree.get(AdaptiveRadixTreeProperties.concat(stem, new byte[] {(byte) (255 - b)}))).isEqualTo(b);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "256, 37, Node256", "256, 36, Node48", "48, 13, Node48", "48, 12, Node16", "16, 4, Node16", "16, 3, Node4"
    })
    void shrinksWithHysteresis(int children, int remaining, String expectedType) {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.builder().node16Search(Node16Search.SCALAR).build();
        byte[] stem = bytes("stm");
        for (int b = 0; b < children; b++) {
            tree.put(AdaptiveRadixTreeProperties.concat(stem, new byte[] {(byte) b}), b);
        }
        for (int b = remaining; b < children; b++) {
            tree.remove(AdaptiveRadixTreeProperties.concat(stem, new byte[] {(byte) b}));
            TreeInvariants.check(tree);
        }
        assertThat(TreeInvariants.nodeTypeAt(tree, stem).getSimpleName()).isEqualTo(expectedType);
        assertThat(tree.size()).isEqualTo(remaining);
    }

    @Test
    void aNodeLeftWithOneEntryIsMergedIntoItsChild() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR, "ab", "abcd1", "abcd2", "abxy");
        tree.remove(bytes("abxy"));
        tree.remove(bytes("ab"));
        TreeInvariants.Shape shape = TreeInvariants.check(tree);
        // What is left is one Node4 whose path "abcd" merges the removed node's path and key byte.
        assertThat(shape.innerNodes()).isEqualTo(1);
        assertThat(((Node) tree.root()).prefixLength).isEqualTo(4);
        assertThat(keys(tree)).containsExactly("abcd1", "abcd2");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 64, 300})
    void pathsLongerThanTheStoredBytesSplitAndMerge(int sharedLength) {
        String shared = "s".repeat(sharedLength);
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.VECTOR, shared + "1", shared + "2");
        assertThat(((Node) tree.root()).prefixLength).isEqualTo(sharedLength);
        // A key leaving the long path after 5 bytes splits it; one after sharedLength - 1 bytes too.
        tree.put(bytes("sssss#"), "early");
        tree.put(bytes(shared.substring(1) + "#"), "late");
        tree.put(bytes(shared.substring(3)), "ends inside the path");
        TreeInvariants.check(tree);
        assertThat(tree.get(bytes(shared + "1"))).isEqualTo(shared + "1");
        assertThat(tree.get(bytes("s".repeat(sharedLength - 3)))).isEqualTo("ends inside the path");
        // A query that differs only inside the skipped part of the path must miss.
        byte[] differsInside = bytes(shared + "1");
        differsInside[sharedLength - 2] = 'x';
        assertThat(tree.get(differsInside)).isNull();
        assertThat(tree.longestPrefixOf(differsInside).value()).isEqualTo("ends inside the path");
        tree.remove(bytes("sssss#"));
        tree.remove(bytes(shared.substring(1) + "#"));
        tree.remove(bytes(shared.substring(3)));
        TreeInvariants.check(tree);
        assertThat(keys(tree)).containsExactly(shared + "1", shared + "2");
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/users/123, /api/v1/users",
        "/api/v1/posts, /api/v1",
        "/api/v2, /api",
        "/other, /",
        "/api/v1, /api/v1",
        "'', ",
        "api, "
    })
    void longestPrefixOfReturnsTheDeepestStoredPrefix(String query, String expected) {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.VECTOR, "/", "/api", "/api/v1", "/api/v1/users");
        AdaptiveRadixTree.Entry<String> match = tree.longestPrefixOf(bytes(query));
        assertThat(match == null ? null : match.value()).isEqualTo(expected);
        if (match != null) {
            assertThat(match.keyLength()).isEqualTo(expected.length());
        }
    }

    @Test
    void longestPrefixOfWorksOnASliceOfABuffer() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.VECTOR, "ab", "abcd");
        byte[] buffer = bytes("xxabcdexx");
        assertThat(tree.longestPrefixOf(buffer, 2, 5).value()).isEqualTo("abcd");
        assertThat(tree.longestPrefixOf(buffer, 2, 3).value()).isEqualTo("ab");
        assertThat(tree.get(buffer, 2, 4)).isEqualTo("abcd");
        assertThat(tree.get(buffer, 2, 5)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "b, b, b",
        "ba, b, c",
        "ab, aa, b",
        "a, a, a",
        "'', , a",
        "zz, c, ",
        "bb, b, c",
        "c, c, c"
    })
    void floorAndCeiling(String query, String floor, String ceiling) {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR, "a", "aa", "b", "c");
        AdaptiveRadixTree.Entry<String> f = tree.floorEntry(bytes(query));
        AdaptiveRadixTree.Entry<String> c = tree.ceilingEntry(bytes(query));
        assertThat(f == null ? null : f.value()).isEqualTo(floor);
        assertThat(c == null ? null : c.value()).isEqualTo(ceiling);
    }

    @Test
    void prefixScanVisitsExactlyTheKeysUnderThePrefix() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.VECTOR, "test", "testing", "tester", "team", "toast", "tes");
        assertThat(keys(tree.entriesWithPrefix(bytes("test")))).containsExactly("test", "tester", "testing");
        assertThat(keys(tree.entriesWithPrefix(bytes("te")))).containsExactly("team", "tes", "test", "tester", "testing");
        assertThat(keys(tree.entriesWithPrefix(bytes("x")))).isEmpty();
        assertThat(keys(tree.entriesWithPrefix(new byte[0]))).hasSize(6);
    }

    @Test
    void putCopiesTheKey() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR);
        byte[] key = bytes("abc");
        tree.put(key, "abc");
        key[0] = 'x';
        assertThat(tree.get(bytes("abc"))).isEqualTo("abc");
        tree.firstEntry().key()[0] = 'y';
        assertThat(tree.get(bytes("abc"))).isEqualTo("abc");
    }

    @Test
    void entriesAreLiveViewsOfTheirValue() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR, "k");
        AdaptiveRadixTree.Entry<String> entry = tree.firstEntry();
        tree.put(bytes("k"), "new");
        assertThat(entry.value()).isEqualTo("new");
        assertThat(entry.toString()).isEqualTo("0x6b=new");
    }

    @Test
    void clearEmptiesTheTree() {
        AdaptiveRadixTree<String> tree = treeOf(Node16Search.SCALAR, "a", "b");
        tree.clear();
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.iterator().hasNext()).isFalse();
        assertThat(tree.firstEntry()).isNull();
        assertThat(tree.lastEntry()).isNull();
    }

    @Test
    void iterationOverManyKeysIsSorted() {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.create();
        List<Integer> values = IntStream.range(0, 5000).map(i -> i * 7919 % 5000).boxed().toList();
        values.forEach(v -> tree.put(KeyEncoders.intKey(v - 2500), v));
        List<Integer> seen = new ArrayList<>();
        tree.forEach(e -> seen.add(KeyEncoders.readInt(e.key(), 0)));
        assertThat(seen).isSorted().hasSize(5000).startsWith(-2500).endsWith(2499);
    }

    @Test
    void rejectsNullsAndBadRanges() {
        AdaptiveRadixTree<String> tree = AdaptiveRadixTree.create();
        assertThatThrownBy(() -> tree.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> tree.put(bytes("k"), null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> tree.get(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> tree.get(bytes("abc"), 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tree.remove(bytes("abc"), -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tree.iterator().next()).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void builderRefusesAnUnsupportedSearchAndDefaultsToThePreferredOne() {
        assertThat(AdaptiveRadixTree.create().node16Search()).isEqualTo(Node16Search.preferred());
        // The test JVM runs with jdk.incubator.vector (see the root pom), so VECTOR is available here.
        assertThat(Node16Search.VECTOR.isSupported()).isTrue();
        assertThat(AdaptiveRadixTree.builder().node16Search(Node16Search.SCALAR).build().toString())
                .isEqualTo("AdaptiveRadixTree{size=0, node16Search=SCALAR}");
        assertThatThrownBy(() -> AdaptiveRadixTree.builder().node16Search(null))
                .isInstanceOf(NullPointerException.class).hasMessage("search");
    }

    @Test
    void theStartUpPropertySelectsTheSearch() {
        String previous = System.getProperty(Node16Search.PROPERTY);
        try {
            System.setProperty(Node16Search.PROPERTY, "scalar");
            assertThat(AdaptiveRadixTree.create().node16Search()).isEqualTo(Node16Search.SCALAR);
            System.setProperty(Node16Search.PROPERTY, "Vector");
            assertThat(AdaptiveRadixTree.create().node16Search()).isEqualTo(Node16Search.VECTOR);
            System.setProperty(Node16Search.PROPERTY, "simd");
            assertThatThrownBy(Node16Search::preferred).isInstanceOf(IllegalStateException.class)
                    .hasMessage("sextant.art.node16Search: simd (expected: vector or scalar)");
        } finally {
            if (previous == null) {
                System.clearProperty(Node16Search.PROPERTY);
            } else {
                System.setProperty(Node16Search.PROPERTY, previous);
            }
        }
    }

    @Test
    void longKeysWithManyLevelsKeepTheirOrder() {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.create();
        byte[] base = new byte[200];
        Arrays.fill(base, (byte) 0x80);
        for (int i = 0; i < base.length; i += 10) {
            byte[] key = Arrays.copyOf(base, i);
            tree.put(key, i);
        }
        TreeInvariants.check(tree);
        assertThat(tree.longestPrefixOf(base).keyLength()).isEqualTo(190);
        assertThat(tree.ceilingEntry(Arrays.copyOf(base, 45)).keyLength()).isEqualTo(50);
        assertThat(tree.floorEntry(Arrays.copyOf(base, 45)).keyLength()).isEqualTo(40);
    }
}
