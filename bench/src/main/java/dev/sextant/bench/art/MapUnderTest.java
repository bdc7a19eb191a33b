package dev.sextant.bench.art;

import dev.sextant.art.AdaptiveRadixTree;
import dev.sextant.art.Node16Search;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One map a benchmark measures: the ART with either Node16 search, or a JDK baseline. Each JMH fork
 * runs one kind only, so every call through this class is monomorphic and inlined.
 *
 * <p>Lookups and updates take a key object made once by {@link #key(byte[])} or {@link #key(long)}:
 * the byte array itself for the ART and the two sorted maps (ordered by
 * {@link Arrays#compareUnsigned(byte[], byte[])}), a {@link BytesKey} (or a {@link Long} for 64-bit
 * keys) for {@link HashMap}, so that no benchmark pays for wrapping a key inside the timed loop.
 */
public abstract sealed class MapUnderTest {

    /** The maps compared. */
    public enum Kind {
        ART_VECTOR, ART_SCALAR, TREE_MAP, SKIP_LIST, HASH_MAP;

        MapUnderTest create() {
            return switch (this) {
                case ART_VECTOR -> new Art(Node16Search.VECTOR);
                case ART_SCALAR -> new Art(Node16Search.SCALAR);
                case TREE_MAP -> new Sorted(new TreeMap<>(Arrays::compareUnsigned));
                case SKIP_LIST -> new Sorted(new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
                case HASH_MAP -> new Hashed();
            };
        }
    }

    abstract Object key(byte[] bytes);

    abstract Object key(long value);

    abstract Object get(Object key);

    abstract void put(Object key, Object value);

    abstract Object remove(Object key);

    /**
     * The value of the longest stored key that is a prefix of the query; {@code prefixes[i]} is the
     * key object of the query's first {@code i} bytes. The ART answers in one walk; the others probe
     * from the longest prefix down.
     */
    Object longestPrefix(byte[] query, Object[] prefixes) {
        for (int i = prefixes.length - 1; i >= 0; i--) {
            Object value = get(prefixes[i]);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Sums {@code hashCode()} of the values whose keys start with {@code prefix}; -1 if unsupported. */
    abstract long sumWithPrefix(byte[] prefix, byte[] prefixEnd);

    static final class Art extends MapUnderTest {
        final AdaptiveRadixTree<Object> tree;

        Art(Node16Search search) {
            tree = AdaptiveRadixTree.builder().node16Search(search).build();
        }

        @Override
        Object key(byte[] bytes) {
            return bytes;
        }

        @Override
        Object key(long value) {
            return longBytes(value);
        }

        @Override
        Object get(Object key) {
            return tree.get((byte[]) key);
        }

        @Override
        void put(Object key, Object value) {
            tree.put((byte[]) key, value);
        }

        @Override
        Object remove(Object key) {
            return tree.remove((byte[]) key);
        }

        @Override
        Object longestPrefix(byte[] query, Object[] prefixes) {
            AdaptiveRadixTree.Entry<Object> match = tree.longestPrefixOf(query);
            return match == null ? null : match.value();
        }

        @Override
        long sumWithPrefix(byte[] prefix, byte[] prefixEnd) {
            long sum = 0;
            for (AdaptiveRadixTree.Entry<Object> e : tree.entriesWithPrefix(prefix)) {
                sum += e.value().hashCode();
            }
            return sum;
        }
    }

    static final class Sorted extends MapUnderTest {
        final NavigableMap<byte[], Object> map;

        Sorted(NavigableMap<byte[], Object> map) {
            this.map = map;
        }

        @Override
        Object key(byte[] bytes) {
            return bytes;
        }

        @Override
        Object key(long value) {
            return longBytes(value);
        }

        @Override
        Object get(Object key) {
            return map.get(key);
        }

        @Override
        void put(Object key, Object value) {
            map.put((byte[]) key, value);
        }

        @Override
        Object remove(Object key) {
            return map.remove(key);
        }

        @Override
        long sumWithPrefix(byte[] prefix, byte[] prefixEnd) {
            long sum = 0;
            for (Object value : map.subMap(prefix, true, prefixEnd, false).values()) {
                sum += value.hashCode();
            }
            return sum;
        }
    }

    static final class Hashed extends MapUnderTest {
        final Map<Object, Object> map = new HashMap<>();

        @Override
        Object key(byte[] bytes) {
            return new BytesKey(bytes);
        }

        @Override
        Object key(long value) {
            return value; // boxed once, outside the timed loop
        }

        @Override
        Object get(Object key) {
            return map.get(key);
        }

        @Override
        void put(Object key, Object value) {
            map.put(key, value);
        }

        @Override
        Object remove(Object key) {
            return map.remove(key);
        }

        @Override
        long sumWithPrefix(byte[] prefix, byte[] prefixEnd) {
            return -1;
        }
    }

    /** A byte-array key for {@link HashMap}: content equality, hash computed on each call like a lookup must. */
    record BytesKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BytesKey other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    static byte[] longBytes(long value) {
        byte[] bytes = new byte[Long.BYTES];
        dev.sextant.art.KeyEncoders.writeUnsignedLong(value, bytes, 0);
        return bytes;
    }
}
