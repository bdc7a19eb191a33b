package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The tree against {@link java.util.TreeMap} with {@link Arrays#compareUnsigned}: random sequences of
 * puts and removes, with every read operation compared along the way.
 *
 * <p>The key generators favour the hard cases: bytes at and around 0x00, 0x7F/0x80 and 0xFF (signed
 * versus unsigned order), keys that share a long prefix (64 to 100 bytes, beyond the 8 stored path
 * bytes, so paths are skipped optimistically and must be recovered), keys that are prefixes of other
 * keys (the empty key included), and wide fan-out under one stem, so that nodes cross the 4/5, 16/17
 * and 48/49 growth boundaries and, with removes, shrink and collapse back.
 */
class AdaptiveRadixTreeProperties {

    /** One step of a scenario: put (with the step number as value) or remove the key at an index. */
    record Op(boolean put, int keyIndex) {}

    record Scenario(List<byte[]> keys, List<Op> ops) {
        @Override
        public String toString() {
            return "keys=" + keys.stream().map(TreeInvariants::hex).toList() + " ops=" + ops;
        }
    }

    private static final List<Integer> ALL_BYTES = IntStream.range(0, 256).boxed().toList();
    private static final Byte[] EDGE_BYTES = {0x00, 0x01, 0x41, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xFE, (byte) 0xFF};

    @Property(tries = 250)
    void behavesLikeATreeMap(@ForAll("scenarios") Scenario scenario, @ForAll Node16Search search) {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.builder().node16Search(search).build();
        ReferenceModel<Integer> reference = new ReferenceModel<>();
        List<byte[]> queries = queriesAround(scenario.keys());
        Set<String> seen = new TreeSet<>();
        TreeInvariants.Shape before = TreeInvariants.check(tree);
        int step = 0;
        for (Op op : scenario.ops()) {
            byte[] key = scenario.keys().get(op.keyIndex());
            if (op.put()) {
                assertThat(tree.put(key, step)).as("put returns the old value").isEqualTo(reference.map.put(key, step));
            } else {
                assertThat(tree.remove(key)).as("remove returns the old value").isEqualTo(reference.map.remove(key));
            }
            TreeInvariants.Shape after = TreeInvariants.check(tree);
            recordHardCases(op, before, after, seen);
            before = after;
            if (++step % 64 == 0) {
                reference.assertSameAs(tree, queries.subList(0, Math.min(queries.size(), 60)));
            }
        }
        reference.assertSameAs(tree, queries);
        // Guards the generators: if they stopped producing a hard case often enough, the property fails.
        requireCoverage(seen, "Node48", 25);
        requireCoverage(seen, "Node256", 8);
        requireCoverage(seen, "path longer than 8 bytes", 70);
        requireCoverage(seen, "key prefix of another key", 70);
        requireCoverage(seen, "node shrunk or merged by a remove", 70);
    }

    private static void requireCoverage(Set<String> seen, String hardCase, double minPercent) {
        Statistics.label(hardCase).collect(seen.contains(hardCase));
        Statistics.label(hardCase).coverage(coverage -> coverage.check(true).percentage(p -> p >= minPercent));
    }

    private static void recordHardCases(Op op, TreeInvariants.Shape before, TreeInvariants.Shape after, Set<String> seen) {
        if (after.node48() > 0) {
            seen.add("Node48");
        }
        if (after.node256() > 0) {
            seen.add("Node256");
        }
        if (after.longPaths() > 0) {
            seen.add("path longer than 8 bytes");
        }
        if (after.terminals() > 0) {
            seen.add("key prefix of another key");
        }
        boolean typesChanged = after.node4() != before.node4() || after.node16() != before.node16()
                || after.node48() != before.node48() || after.node256() != before.node256();
        if (!op.put() && after.leaves() < before.leaves() && typesChanged) {
            seen.add("node shrunk or merged by a remove");
        }
    }

    @Property(tries = 100)
    void removingEverythingInAnyOrderLeavesAnEmptyTree(@ForAll("scenarios") Scenario scenario) {
        AdaptiveRadixTree<Integer> tree = AdaptiveRadixTree.builder().node16Search(Node16Search.SCALAR).build();
        ReferenceModel<Integer> reference = new ReferenceModel<>();
        for (int i = 0; i < scenario.keys().size(); i++) {
            tree.put(scenario.keys().get(i), i);
            reference.map.put(scenario.keys().get(i), i);
        }
        List<byte[]> order = new ArrayList<>(scenario.keys());
        java.util.Collections.shuffle(order, new java.util.Random(scenario.ops().size()));
        for (byte[] key : order) {
            assertThat(tree.remove(key)).isEqualTo(reference.map.remove(key));
            TreeInvariants.check(tree);
        }
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.root()).isNull();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Byte> edgeOrAny = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(EDGE_BYTES)),
                Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<byte[]> shortKey = edgeOrAny.array(byte[].class).ofMaxSize(5);
        Arbitrary<byte[]> longBase = edgeOrAny.array(byte[].class).ofMinSize(64).ofMaxSize(100);
        Arbitrary<byte[]> stem = edgeOrAny.array(byte[].class).ofMaxSize(3);
        // Fan-out widths sit on both sides of every growth boundary (4/5, 16/17, 48/49) and the full 256.
        Arbitrary<Integer> fanOutWidth = Arbitraries.of(0, 3, 4, 5, 6, 15, 16, 17, 18, 47, 48, 49, 50, 256);
        return Combinators.combine(longBase, stem, fanOutWidth).flatAs((base, fanOutStem, width) -> {
            Arbitrary<byte[]> sharedPrefixKey = Combinators.combine(
                            Arbitraries.integers().between(56, base.length), shortKey)
                    .as((cut, suffix) -> concat(Arrays.copyOf(base, cut), suffix));
            Arbitrary<List<byte[]>> fanOutKeys = Combinators.combine(
                            Arbitraries.shuffle(ALL_BYTES).map(bytes -> bytes.subList(0, width)),
                            edgeOrAny.array(byte[].class).ofMaxSize(2))
                    .as((keyBytes, suffix) -> keyBytes.stream()
                            .map(b -> concat(concat(fanOutStem, new byte[] {(byte) (int) b}), b % 7 == 0 ? suffix : new byte[0]))
                            .toList());
            Arbitrary<List<byte[]>> universe = Combinators.combine(
                            shortKey.list().ofMaxSize(40), sharedPrefixKey.list().ofMinSize(2).ofMaxSize(30), fanOutKeys)
                    .as((a, b, c) -> {
                        List<byte[]> all = new ArrayList<>(a);
                        all.addAll(b);
                        all.addAll(c);
                        return all;
                    })
                    .filter(keys -> !keys.isEmpty());
            return universe.flatMap(keys -> {
                // Every key put in random order, some mixed puts and removes, then most keys removed in
                // random order: nodes grow past each boundary and shrink and merge back.
                List<Integer> indices = IntStream.range(0, keys.size()).boxed().toList();
                Arbitrary<List<Op>> putAll = Arbitraries.shuffle(indices)
                        .map(order -> order.stream().map(i -> new Op(true, i)).toList());
                Arbitrary<List<Op>> mixed = ops(keys.size(), 50).list().ofMaxSize(keys.size());
                Arbitrary<List<Op>> removeMost = Combinators.combine(
                                Arbitraries.shuffle(indices), Arbitraries.integers().between(keys.size() / 2, keys.size()))
                        .as((order, count) -> order.subList(0, count).stream().map(i -> new Op(false, i)).toList());
                return Combinators.combine(putAll, mixed, removeMost).as((a, b, c) -> {
                    List<Op> ops = new ArrayList<>(a);
                    ops.addAll(b);
                    ops.addAll(c);
                    return new Scenario(keys, ops);
                });
            });
        });
    }

    private static Arbitrary<Op> ops(int keys, int putPercent) {
        return Combinators.combine(
                        Arbitraries.frequency(Tuple.of(putPercent, true), Tuple.of(100 - putPercent, false)),
                        Arbitraries.integers().between(0, keys - 1))
                .as(Op::new);
    }

    /** The stored keys' neighbours: one byte longer or shorter, last byte nudged, and the empty key. */
    static List<byte[]> queriesAround(List<byte[]> keys) {
        List<byte[]> queries = new ArrayList<>();
        queries.add(new byte[0]);
        for (byte[] key : keys) {
            queries.add(concat(key, new byte[] {0x00}));
            queries.add(concat(key, new byte[] {(byte) 0xFF, 0x01}));
            if (key.length > 0) {
                queries.add(Arrays.copyOf(key, key.length - 1));
                byte[] up = key.clone();
                up[up.length - 1]++;
                queries.add(up);
                byte[] down = key.clone();
                down[down.length - 1]--;
                queries.add(down);
            }
        }
        return queries;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
