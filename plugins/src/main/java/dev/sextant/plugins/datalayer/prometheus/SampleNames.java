package dev.sextant.plugins.datalayer.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names (as written on sample lines) a reader of a page wants. Handed to
 * {@link PrometheusTextParser#parse(byte[], int, int, SampleNames)}, it lets the parser skip every
 * other sample after checking only that its value is a number: no labels decoded, nothing stored. A
 * model server's page is mostly histogram buckets that routing never reads.
 */
public final class SampleNames {
    private final byte[][] slots;
    private final Set<String> names;

    private SampleNames(Set<String> names) {
        this.names = names;
        int capacity = Integer.highestOneBit(Math.max(4, names.size() * 4) - 1) << 1;
        this.slots = new byte[capacity][];
        for (String name : names) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            int slot = StringCache.hash(utf8, 0, utf8.length) & (capacity - 1);
            while (slots[slot] != null) {
                slot = (slot + 1) & (capacity - 1);
            }
            slots[slot] = utf8;
        }
    }

    /** The given names; an empty collection wants no sample at all. */
    public static SampleNames of(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        return new SampleNames(Set.copyOf(names));
    }

    /** The names, for logs and tests. */
    public Set<String> names() {
        return names;
    }

    /** Whether {@code text[from, to)}, whose {@link StringCache#hash} is {@code hash}, is one of the names. */
    boolean contains(byte[] text, int from, int to, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != null; slot = (slot + 1) & mask) {
            if (Arrays.equals(slots[slot], 0, slots[slot].length, text, from, to)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "SampleNames" + new TreeSet<>(names);
    }
}
