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
 * The small-node searches against a plain reference: VECTOR and SCALAR on Node16, and the
 * branch-free Node4 scan, for every key set and every key byte (0 included, which matches the
 * unused zero slots of a packed node).
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
        Node16 node = Node16.of(0, 0, null, keys, children, sorted.size());
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
        Node4 node = Node4.of(0, 0, null, keys, new Object[Node4.CAPACITY], sorted.size());
        int expected = sorted.contains(wanted) ? sorted.headSet(wanted).size() : -1;
        assertThat(node.indexOf(wanted)).isEqualTo(expected);
    }
}
