package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One stored entry: its full key (a private copy) and its value.
 *
 * <p>Leaves are expanded lazily: a leaf hangs as high in the tree as its key is unique, so it must
 * hold the whole key for the final comparison. The key never changes; the value is replaced in place
 * by the writer with a release store and read with an acquire load, so a reader that reaches the leaf
 * sees a value the entry really had.
 */
final class Leaf<V> implements AdaptiveRadixTree.Entry<V> {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Leaf.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final byte[] key;
    @SuppressWarnings("FieldMayBeFinal") // written through VALUE
    private V value;

    Leaf(byte[] key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public int keyLength() {
        return key.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V value() {
        return (V) VALUE.getAcquire(this);
    }

    /** Replaces the value; writer only. */
    void value(V newValue) {
        VALUE.setRelease(this, newValue);
    }

    boolean keyEquals(byte[] other, int offset, int length) {
        return key.length == length && Arrays.equals(key, 0, length, other, offset, offset + length);
    }

    /**
     * Whether the key equals {@code other[offset, offset + length)}, given that the first {@code known}
     * bytes (at most {@code length}) are already known to be equal.
     */
    boolean keyEquals(byte[] other, int offset, int length, int known) {
        return key.length == length
                && (known == length || Arrays.equals(key, known, length, other, offset + known, offset + length));
    }

    /** Whether this key is a prefix of (or equal to) {@code other[offset, offset + length)}. */
    boolean isPrefixOf(byte[] other, int offset, int length) {
        return key.length <= length && Arrays.equals(key, 0, key.length, other, offset, offset + key.length);
    }

    /** Whether this key starts with all of {@code prefix}. */
    boolean startsWith(byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    int compareTo(byte[] other, int offset, int length) {
        return Arrays.compareUnsigned(key, 0, key.length, other, offset, offset + length);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(key) + "=" + value();
    }
}
