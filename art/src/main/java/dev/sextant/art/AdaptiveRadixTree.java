package dev.sextant.art;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Objects;

/**
 * An ordered map from byte-string keys to values: an Adaptive Radix Tree (Leis, Kemper, Neumann,
 * ICDE 2013) with path compression, lazy expansion and node types of 4, 16, 48 and 256 children.
 *
 * <p><b>Keys</b> are byte arrays compared as unsigned lexicographic strings (as
 * {@link java.util.Arrays#compareUnsigned(byte[], byte[])}); any length, including the empty key;
 * a key may be a prefix of another. The map copies a key when it stores it, so callers may reuse
 * their arrays. {@link KeyEncoders} turns {@code long}, {@code int} and {@code String} keys into
 * bytes that sort like the original values. <b>Values</b> are never null.
 *
 * <p><b>Concurrency</b>: one writer and any number of readers. Reads ({@code get}, {@code containsKey},
 * {@code longestPrefixOf}, {@code floorEntry}, {@code ceilingEntry}, {@code firstEntry},
 * {@code lastEntry}, {@code size}, iteration) never block, never take a lock and may run on any
 * thread at any time, also while a write is in progress. Writes ({@code put}, {@code remove},
 * {@code clear}) must not overlap: use one writer thread, or serialise writers yourself (a lock or a
 * single-threaded executor, which also orders their memory effects). A point read returns a value the
 * key had at some moment during the call; iteration is weakly consistent (see {@link #iterator()}).
 *
 * <p><b>Allocation</b>: {@code get}, {@code containsKey}, {@code longestPrefixOf} and the
 * floor/ceiling/first/last lookups allocate nothing. They return the stored entry itself as an
 * {@link Entry}; its value is live (it reflects later puts of the same key).
 *
 * <pre>{@code
 * AdaptiveRadixTree<String> routes = AdaptiveRadixTree.create();
 * routes.put(KeyEncoders.stringKey("/api"), "api");
 * routes.put(KeyEncoders.stringKey("/api/v1"), "v1");
 * AdaptiveRadixTree.Entry<String> match = routes.longestPrefixOf(KeyEncoders.stringKey("/api/v1/users"));
 * // match.value() is "v1", match.keyLength() is 7
 * }</pre>
 *
 * @param <V> the type of values
 */
public final class AdaptiveRadixTree<V> implements Iterable<AdaptiveRadixTree.Entry<V>> {

    /*
     * Why readers need no lock (Java memory model).
     *
     * 1. Everything a reader can reach is published by a release store: the root (ROOT.setRelease),
     *    a child slot (Node.CHILD.setRelease), a Node48 index entry, a terminal, a leaf's value. Every
     *    load of those locations by a reader is an acquire load. An acquire load that sees a value
     *    written by a release store synchronises with it, so everything the writer did before that
     *    store happens-before everything the reader does after the load.
     * 2. The writer builds every new node, leaf and array completely before the release store that
     *    makes it reachable. So a reader that reaches an object sees it fully initialised: its final
     *    fields, the key bytes and children copied into its arrays or child fields (a Node4's slots
     *    are fields written with plain stores before publication, release stores after), the key and
     *    value of a leaf.
     * 3. After publication a node changes only in ways that are each one atomic, release-ordered
     *    store, and each leaves the node consistent on its own: a child slot replaced by another
     *    subtree for the same key byte; a terminal set or cleared; a Node48 child filled into an unused
     *    slot before the index entry that points to it is stored; a Node256 slot filled or cleared.
     *    Every other change (a new key in a Node4/Node16, any removal from a Node48, any change of a
     *    compressed path, growing or shrinking a node) builds a new node and swaps it in with one store
     *    into the parent, and the replaced node is never written again. References are never torn
     *    (JLS 17.7), so a reader sees each slot either before or after a store.
     * 4. Hence a reader following any path sees, at every step, a consistent node: either the one it
     *    was replaced by, or the old one, which still describes a correct subtree for the same key
     *    bytes as of the moment the reader loaded the reference to it. A point read therefore returns
     *    the state of its key as of some moment during the call. Lookups that skip compressed-path
     *    bytes confirm the answer against the full immutable key in the leaf, so a stale path can
     *    cause a miss for a key being moved at that instant, never a wrong hit.
     * 5. Writer-only state (Node48/Node256 counts) is written and read by the writer alone; readers
     *    never read it. The size is written with release and read with acquire, so size() is a value
     *    the counter had, not necessarily in step with a concurrent lookup.
     *
     * On x86 and ARMv8 acquire loads and release stores compile to plain loads and stores (plus
     * ordering constraints on the compiler, and stlr/ldar on ARM), so readers pay almost nothing.
     * ConcurrentReadersStressTest runs readers against a writer and checks the guarantees above.
     */

    private static final VarHandle ROOT;
    private static final VarHandle SIZE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ROOT = lookup.findVarHandle(AdaptiveRadixTree.class, "root", Object.class);
            SIZE = lookup.findVarHandle(AdaptiveRadixTree.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean vectorNode16;
    /** Null, a {@link Leaf} or a {@link Node}; written through ROOT. */
    @SuppressWarnings("unused")
    private Object root;
    @SuppressWarnings("unused")
    private int size;

    private AdaptiveRadixTree(Node16Search node16Search) {
        this.vectorNode16 = node16Search == Node16Search.VECTOR;
    }

    /** An empty tree with the {@linkplain Node16Search#preferred() preferred} Node16 search. */
    public static <V> AdaptiveRadixTree<V> create() {
        return builder().build();
    }

    /** A builder for a tree with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for a new tree. Not thread-safe; a builder may build several trees.
     */
    public static final class Builder {
        private Node16Search node16Search;

        private Builder() {}

        /**
         * How the tree searches its 16-child nodes. Defaults to {@link Node16Search#preferred()}.
         *
         * @throws IllegalArgumentException if the search is not {@linkplain Node16Search#isSupported()
         *     supported} in this JVM
         */
        public Builder node16Search(Node16Search search) {
            requireNonNull(search, "search");
            if (!search.isSupported()) {
                throw new IllegalArgumentException(search.unsupportedMessage("node16Search"));
            }
            this.node16Search = search;
            return this;
        }

        /** A new empty tree. */
        public <V> AdaptiveRadixTree<V> build() {
            return new AdaptiveRadixTree<>(node16Search != null ? node16Search : Node16Search.preferred());
        }
    }

    /**
     * A stored key and its value, as returned by lookups and iteration. The key is immutable; the
     * value is the entry's current value, so it reflects later puts of the same key, and after the
     * key is removed it keeps its last value. Safe to read from any thread.
     *
     * @param <V> the type of the value
     */
    public interface Entry<V> {
        /** A copy of the key. */
        byte[] key();

        /** The length of the key in bytes, >= 0; for a longest-prefix match, how much of the query matched. */
        int keyLength();

        /** The value, never null. */
        V value();
    }

    /** The Node16 search this tree uses. */
    public Node16Search node16Search() {
        return vectorNode16 ? Node16Search.VECTOR : Node16Search.SCALAR;
    }

    /** The number of entries, >= 0. */
    public int size() {
        return (int) SIZE.getAcquire(this);
    }

    /** Whether the tree has no entries. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** The value stored under {@code key}, or null. Allocates nothing. */
    public V get(byte[] key) {
        requireNonNull(key, "key");
        return valueOf(Lookup.find(root(), key, 0, key.length, vectorNode16));
    }

    /**
     * The value stored under the key {@code key[offset, offset + length)}, or null. Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code key}
     */
    public V get(byte[] key, int offset, int length) {
        requireNonNull(key, "key");
        Objects.checkFromIndexSize(offset, length, key.length);
        return valueOf(Lookup.find(root(), key, offset, length, vectorNode16));
    }

    /** Whether a value is stored under {@code key}. Allocates nothing. */
    public boolean containsKey(byte[] key) {
        requireNonNull(key, "key");
        return Lookup.find(root(), key, 0, key.length, vectorNode16) != null;
    }

    /**
     * The entry with the longest key that is a prefix of {@code key} (or equal to it), or null if no
     * stored key is. Allocates nothing; {@link Entry#keyLength()} says how many bytes matched.
     */
    public Entry<V> longestPrefixOf(byte[] key) {
        requireNonNull(key, "key");
        return entry(Lookup.longestPrefix(root(), key, 0, key.length, vectorNode16));
    }

    /**
     * The entry with the longest key that is a prefix of {@code key[offset, offset + length)}, or null.
     * Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code key}
     */
    public Entry<V> longestPrefixOf(byte[] key, int offset, int length) {
        requireNonNull(key, "key");
        Objects.checkFromIndexSize(offset, length, key.length);
        return entry(Lookup.longestPrefix(root(), key, offset, length, vectorNode16));
    }

    /** The entry with the greatest key less than or equal to {@code key}, or null. Allocates nothing. */
    public Entry<V> floorEntry(byte[] key) {
        requireNonNull(key, "key");
        return entry(Navigation.floor(root(), key, 0, key.length));
    }

    /** The entry with the least key greater than or equal to {@code key}, or null. Allocates nothing. */
    public Entry<V> ceilingEntry(byte[] key) {
        requireNonNull(key, "key");
        return entry(Navigation.ceiling(root(), key, 0, key.length));
    }

    /** The entry with the least key, or null if the tree is empty. Allocates nothing. */
    public Entry<V> firstEntry() {
        return entry(Navigation.first(root()));
    }

    /** The entry with the greatest key, or null if the tree is empty. Allocates nothing. */
    public Entry<V> lastEntry() {
        return entry(Navigation.last(root()));
    }

    /**
     * All entries in ascending key order. The iterator is weakly consistent: it never throws because
     * of a concurrent write, returns keys in strictly increasing order, returns every entry present
     * for the whole iteration and may or may not return entries added or removed meanwhile. It does
     * not support {@code remove}.
     */
    @Override
    public Iterator<Entry<V>> iterator() {
        return new EntryIterator<>(root());
    }

    /**
     * The entries whose keys start with {@code prefix} (all entries for an empty prefix), in ascending
     * key order, with the guarantees of {@link #iterator()}. The prefix is copied; each call of
     * {@code iterator()} on the result looks the prefix up again.
     */
    public Iterable<Entry<V>> entriesWithPrefix(byte[] prefix) {
        requireNonNull(prefix, "prefix");
        byte[] copy = prefix.clone();
        return () -> new EntryIterator<>(Navigation.prefixSubtree(root(), copy, vectorNode16));
    }

    /**
     * Stores {@code value} under {@code key}, replacing any previous value. The key is copied.
     * Writer only: calls must not overlap with other writes.
     *
     * @return the previous value, or null if there was none
     */
    public V put(byte[] key, V value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        return Insertion.put(this, key, 0, key.length, value);
    }

    /**
     * Stores {@code value} under the key {@code key[offset, offset + length)}; see {@link #put(byte[], Object)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code key}
     */
    public V put(byte[] key, int offset, int length, V value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        Objects.checkFromIndexSize(offset, length, key.length);
        return Insertion.put(this, key, offset, length, value);
    }

    /**
     * Removes the entry for {@code key}. Writer only.
     *
     * @return the removed value, or null if there was none
     */
    public V remove(byte[] key) {
        requireNonNull(key, "key");
        return Removal.remove(this, key, 0, key.length);
    }

    /**
     * Removes the entry for the key {@code key[offset, offset + length)}. Writer only.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code key}
     */
    public V remove(byte[] key, int offset, int length) {
        requireNonNull(key, "key");
        Objects.checkFromIndexSize(offset, length, key.length);
        return Removal.remove(this, key, offset, length);
    }

    /** Removes every entry. Writer only. */
    public void clear() {
        ROOT.setRelease(this, (Object) null);
        SIZE.setRelease(this, 0);
    }

    @Override
    public String toString() {
        return "AdaptiveRadixTree{size=" + size() + ", node16Search=" + node16Search() + "}";
    }

    // ---- for the package: the root and the writer's bookkeeping ----

    Object root() {
        return ROOT.getAcquire(this);
    }

    boolean vectorNode16() {
        return vectorNode16;
    }

    /** Publishes {@code child} in place of the current child of {@code parent} under {@code keyByte}, or as the root when parent is null. */
    void replaceChild(Node parent, int keyByte, Object child) {
        if (parent == null) {
            ROOT.setRelease(this, child);
        } else {
            parent.replaceChild(keyByte, child);
        }
    }

    void addToSize(int delta) {
        SIZE.setRelease(this, size + delta);
    }

    @SuppressWarnings("unchecked")
    private V valueOf(Leaf<?> leaf) {
        return leaf == null ? null : (V) leaf.value();
    }

    @SuppressWarnings("unchecked")
    private Entry<V> entry(Leaf<?> leaf) {
        return (Entry<V>) leaf;
    }
}
