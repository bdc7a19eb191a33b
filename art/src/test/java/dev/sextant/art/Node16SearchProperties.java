package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/**
 * The node searches against a plain reference: VECTOR and SCALAR on Node16, the branch-free Node4
 * scan, and the bitmap-and-rank Node48, for every key set and every key byte (0 included, which
 * matches the unused zero slots of a packed node; 0, 63/64 and 255 at the bitmap's word edges).
 */
class Node16SearchProperties {

    @Property(tries = 2000)
    void vectorAndScalarAgree(
            @ForAll @Size(min = 4, max = 16) @UniqueElements List<@IntRange(min = 0, max = 255) Integer> keyBytes,
            @ForAll @IntRange(min = 0, max = 255) int wanted) {
        TreeSet<Integer> sorted = new TreeSet<>(keyBytes);
        byte[] keys = new byte[Node16.CAPACITY];
        Object[] children = new Object[Node16.CAPACITY];
        int i = 0;
        for (int k : sorted) {
            keys[i] = (byte) k;
            children[i++] = "child " + k;
        }
        Node16 node = new Node16(0, 0, null, keys, children, sorted.size());
        int expected = sorted.contains(wanted) ? sorted.headSet(wanted).size() : -1;
        assertThat(node.indexOf(wanted)).isEqualTo(expected);
        assertThat(VectorKeySearch.indexOf(node.keysLow, node.keysHigh, node.count, (byte) wanted)).isEqualTo(expected);
        assertThat(Lookup.childOf(node, (byte) wanted, true)).isEqualTo(Lookup.childOf(node, (byte) wanted, false));
    }

    @Property(tries = 2000)
    void node4FindsExactlyItsKeys(
            @ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 0, max = 255) Integer> keyBytes,
            @ForAll @IntRange(min = 0, max = 255) int wanted) {
        TreeSet<Integer> sorted = new TreeSet<>(keyBytes);
        byte[] keys = new byte[Node4.CAPACITY];
        int i = 0;
        for (int k : sorted) {
            keys[i++] = (byte) k;
        }
        Node4 node = new Node4(0, 0, null, keys, new Object[Node4.CAPACITY], sorted.size());
        int expected = sorted.contains(wanted) ? sorted.headSet(wanted).size() : -1;
        assertThat(node.indexOf(wanted)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void node48FindsExactlyItsKeysAndTheirNeighbours(
            @ForAll @Size(min = 13, max = 48) @UniqueElements List<@IntRange(min = 0, max = 255) Integer> keyBytes,
            @ForAll @IntRange(min = 0, max = 255) int wanted) {
        TreeSet<Integer> sorted = new TreeSet<>(keyBytes);
        int[] keys = sorted.stream().mapToInt(Integer::intValue).toArray();
        Object[] children = sorted.stream().map(k -> "child " + k).toArray();
        Node48 node = Node48.of(Node4.of(0, 0, null, 1, "unused"), keys, children);
        assertThat(node.child(wanted)).isEqualTo(sorted.contains(wanted) ? "child " + wanted : null);
        Integer higher = sorted.higher(wanted);
        Integer lower = sorted.lower(wanted);
        assertThat(node.nextKeyByte(wanted)).isEqualTo(higher == null ? -1 : higher);
        assertThat(node.previousKeyByte(wanted)).isEqualTo(lower == null ? -1 : lower);
        assertThat(node.nextKeyByte(-1)).isEqualTo(sorted.first());
        assertThat(node.previousKeyByte(256)).isEqualTo(sorted.last());
        assertThat(node.keys()).containsExactly(keys);
    }
}
