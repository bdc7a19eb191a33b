package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One writer changes the tree as fast as it can while readers check, on every read, the guarantees
 * that {@link AdaptiveRadixTree} promises them.
 *
 * <p>"Stable" keys are put before the readers start and never removed; the writer only raises their
 * version. "Churn" keys sit right next to them (same stems, inside the same long compressed path,
 * prefixes and extensions of them) and are put and removed at random, so nodes next to the stable
 * keys keep growing through Node4/16/48/256, shrinking, splitting their paths and merging. Readers
 * check that: every stable key is always found, with its own value and a version that never goes
 * back; a churn key is either absent or has its own value; longest-prefix, floor and ceiling never
 * miss a stable key that qualifies; iteration and prefix scans are strictly increasing and contain
 * every stable key. The run is bounded by the writer's operation count.
 */
class ConcurrentReadersStressTest {
    private static final int WRITER_OPERATIONS = 300_000;
    private static final int READERS = 2;
    private static final int PHASE = 3_000;

    /** A value that names its key, so a reader can tell whether it got the value of another key. */
    record Versioned(byte[] key, long version) {}

    private final List<byte[]> stable = new ArrayList<>();
    private final List<byte[]> churn = new ArrayList<>();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] join(byte[] a, byte... b) {
        return AdaptiveRadixTreeProperties.concat(a, b);
    }

    private void makeKeys() {
        for (String stem : List.of("s0", "s1", "\u00ff\u0080")) {
            for (int b = 0; b < 256; b++) {
                (b % 32 == 0 ? stable : churn).add(join(bytes(stem), (byte) b));
            }
        }
        byte[] longPath = bytes("L" + "x".repeat(40));
        stable.add(join(longPath, (byte) 'a'));
        for (int cut = 1; cut < longPath.length; cut += 3) {
            churn.add(join(Arrays.copyOf(longPath, cut), (byte) 'b'));
        }
        for (String key : List.of("p", "pqr", "pqrstu")) {
            stable.add(bytes(key));
        }
        for (String key : List.of("", "pq", "pqrs", "pqrst", "pqrstuv", "pz", "q")) {
            churn.add(bytes(key));
        }
    }

    @ParameterizedTest
    @EnumSource(Node16Search.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersSeeAConsistentTreeWhileOneWriterChangesIt(Node16Search search) throws InterruptedException {
        makeKeys();
        AdaptiveRadixTree<Versioned> tree = AdaptiveRadixTree.builder().node16Search(search).build();
        long[] stableVersions = new long[stable.size()];
        for (byte[] key : stable) {
            tree.put(key, new Versioned(key, 0));
        }
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong churnSeenPresent = new AtomicLong();
        AtomicLong churnSeenAbsent = new AtomicLong();

        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            long seed = r;
            readers.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
                try {
                    read(tree, seed, writing, failures, reads, churnSeenPresent, churnSeenAbsent);
                } catch (Throwable t) {
                    failures.add("reader threw " + t);
                }
            }));
        }

        Map<String, Versioned> expected = new HashMap<>();
        stable.forEach(k -> expected.put(TreeInvariants.hex(k), new Versioned(k, 0)));
        SplittableRandom random = new SplittableRandom(42);
        for (int op = 0; op < WRITER_OPERATIONS && failures.isEmpty(); op++) {
            int dice = random.nextInt(10);
            if (dice == 0) {
                int i = random.nextInt(stable.size());
                Versioned v = new Versioned(stable.get(i), ++stableVersions[i]);
                tree.put(stable.get(i), v);
                expected.put(TreeInvariants.hex(stable.get(i)), v);
            } else {
                byte[] key = churn.get(random.nextInt(churn.size()));
                // Alternate filling and draining phases, so that the nodes under the stems sweep
                // through every size, up to Node256 and down to Node4, again and again.
                boolean filling = op / PHASE % 2 == 0;
                if (random.nextInt(100) < (filling ? 85 : 15)) {
                    Versioned v = new Versioned(key, op);
                    tree.put(key, v);
                    expected.put(TreeInvariants.hex(key), v);
                } else {
                    tree.remove(key);
                    expected.remove(TreeInvariants.hex(key));
                }
            }
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        TreeInvariants.check(tree);
        assertThat(tree.size()).isEqualTo(expected.size());
        tree.forEach(e -> assertThat(expected.get(TreeInvariants.hex(e.key()))).isEqualTo(e.value()));
        // The readers really ran alongside the writer and saw keys come and go.
        assertThat(reads.get()).isPositive();
        assertThat(churnSeenPresent.get()).isPositive();
        assertThat(churnSeenAbsent.get()).isPositive();
    }

    private void read(AdaptiveRadixTree<Versioned> tree, long seed, AtomicBoolean writing,
            ConcurrentLinkedQueue<String> failures, AtomicLong reads, AtomicLong present, AtomicLong absent) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] lastVersion = new long[stable.size()];
        int round = 0;
        while (writing.get() && failures.isEmpty()) {
            int i = random.nextInt(stable.size());
            byte[] key = stable.get(i);
            Versioned v = tree.get(key);
            if (v == null || !Arrays.equals(v.key(), key)) {
                failures.add("stable key " + TreeInvariants.hex(key) + " read as " + v);
            } else if (v.version() < lastVersion[i]) {
                failures.add("version went back for " + TreeInvariants.hex(key));
            } else {
                lastVersion[i] = v.version();
            }

            byte[] other = churn.get(random.nextInt(churn.size()));
            Versioned c = tree.get(other);
            if (c == null) {
                absent.incrementAndGet();
            } else if (!Arrays.equals(c.key(), other)) {
                failures.add("churn key " + TreeInvariants.hex(other) + " read as the value of " + TreeInvariants.hex(c.key()));
            } else {
                present.incrementAndGet();
            }

            byte[] extended = join(key, (byte) random.nextInt(256), (byte) 1);
            AdaptiveRadixTree.Entry<Versioned> prefix = tree.longestPrefixOf(extended);
            if (prefix == null || prefix.keyLength() < key.length || !Arrays.equals(prefix.value().key(), prefix.key())
                    || !Arrays.equals(prefix.key(), 0, prefix.keyLength(), extended, 0, prefix.keyLength())) {
                failures.add("longestPrefixOf " + TreeInvariants.hex(extended) + " gave " + prefix);
            }
            AdaptiveRadixTree.Entry<Versioned> floor = tree.floorEntry(extended);
            if (floor == null || Arrays.compareUnsigned(floor.key(), key) < 0 || Arrays.compareUnsigned(floor.key(), extended) > 0) {
                failures.add("floorEntry " + TreeInvariants.hex(extended) + " gave " + floor);
            }
            AdaptiveRadixTree.Entry<Versioned> ceiling = tree.ceilingEntry(key);
            if (ceiling == null || Arrays.compareUnsigned(ceiling.key(), key) != 0) {
                failures.add("ceilingEntry of stable " + TreeInvariants.hex(key) + " gave " + ceiling);
            }

            if (++round % 64 == 0) {
                checkScan(tree, new byte[0], failures);
                checkScan(tree, Arrays.copyOf(key, Math.min(key.length, 2)), failures);
            }
            reads.incrementAndGet();
        }
    }

    private void checkScan(AdaptiveRadixTree<Versioned> tree, byte[] prefix, ConcurrentLinkedQueue<String> failures) {
        byte[] previous = null;
        int stableSeen = 0;
        for (AdaptiveRadixTree.Entry<Versioned> e : tree.entriesWithPrefix(prefix)) {
            byte[] key = e.key();
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                failures.add("scan not increasing: " + TreeInvariants.hex(previous) + " then " + TreeInvariants.hex(key));
            }
            if (!Arrays.equals(e.value().key(), key) || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                failures.add("scan of " + TreeInvariants.hex(prefix) + " gave " + e);
            }
            if (stable.stream().anyMatch(s -> Arrays.equals(s, key))) {
                stableSeen++;
            }
            previous = key;
        }
        long stableUnder = stable.stream()
                .filter(s -> s.length >= prefix.length && Arrays.equals(s, 0, prefix.length, prefix, 0, prefix.length))
                .count();
        if (stableSeen != stableUnder) {
            failures.add("scan of " + TreeInvariants.hex(prefix) + " saw " + stableSeen + " of " + stableUnder + " stable keys");
        }
    }
}
