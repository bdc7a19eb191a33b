package dev.sextant.art;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One stored entry: its full key and its value.
 *
 * <p>Leaves are expanded lazily: a leaf hangs as high in the tree as its key is unique, so it must
 * hold the whole key for the final comparison. Keys of up to 8 bytes (64-bit numbers, short strings)
 * are packed into the leaf itself ({@link WordLeaf}), which saves the separate array, 16 bytes and,
 * on a large tree, a cache miss per lookup; so are keys of up to 24 bytes ({@link WordsLeaf}, three
 * words); longer keys are kept in a private array ({@link ArrayLeaf}).
 *
 * <p>The hot comparisons ({@link #keyEquals(byte[], int, int, int)}, {@link #isPrefixOf}) dispatch on
 * the three final classes with {@code instanceof}, so a lookup's call site stays inlined whatever mix
 * of key lengths a tree holds (a virtual call there would see three receiver types: megamorphic).
 *
 * <p>The key never changes; the value is replaced in place by the writer with a release store and
 * read with an acquire load, so a reader that reaches the leaf sees a value the entry really had.
 */
abstract sealed class Leaf<V> implements AdaptiveRadixTree.Entry<V> permits ArrayLeaf, WordLeaf, WordsLeaf {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Leaf.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("FieldMayBeFinal") // written through VALUE
    private V value;

    Leaf(V value) {
        this.value = value;
    }

    /** A leaf holding a copy of {@code key[offset, offset + length)}. */
    static <V> Leaf<V> of(byte[] key, int offset, int length, V value) {
        if (length <= CompressedPath.STORED) {
            return new WordLeaf<>(CompressedPath.pack(key, offset, length), length, value);
        }
        if (length <= WordsLeaf.MAX_LENGTH) {
            return new WordsLeaf<>(key, offset, length, value);
        }
        return new ArrayLeaf<>(Arrays.copyOfRange(key, offset, offset + length), value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final V value() {
        return (V) VALUE.getAcquire(this);
    }

    /** Replaces the value; writer only. */
    final void value(V newValue) {
        VALUE.setRelease(this, newValue);
    }

    /** Key byte {@code i} (unsigned), {@code i < keyLength()}. */
    abstract int keyByte(int i);

    /** The key as an array; the leaf's own array when it has one, so callers must not change it. */
    abstract byte[] keyBytes();

    /** A new array of the key, byte by byte: for the leaves that pack their key into words. */
    final byte[] unpackedKey() {
        byte[] key = new byte[keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) keyByte(i);
        }
        return key;
    }

    /**
     * Whether the key equals {@code other[offset, offset + length)}, given that the first {@code known}
     * bytes (at most {@code length}) are already known to be equal.
     */
    final boolean keyEquals(byte[] other, int offset, int length, int known) {
        if (this instanceof WordLeaf<?> word) {
            return word.wordKeyEquals(other, offset, length, known);
        }
        if (this instanceof WordsLeaf<?> words) {
            return words.wordsKeyEquals(other, offset, length, known);
        }
        return ((ArrayLeaf<?>) this).arrayKeyEquals(other, offset, length, known);
    }

    final boolean keyEquals(byte[] other, int offset, int length) {
        return keyEquals(other, offset, length, 0);
    }

    /** Whether this key is a prefix of (or equal to) {@code other[offset, offset + length)}. */
    final boolean isPrefixOf(byte[] other, int offset, int length) {
        if (this instanceof WordLeaf<?> word) {
            return word.wordIsPrefixOf(other, offset, length);
        }
        if (this instanceof WordsLeaf<?> words) {
            return words.wordsIsPrefixOf(other, offset, length);
        }
        return ((ArrayLeaf<?>) this).arrayIsPrefixOf(other, offset, length);
    }

    /** Whether this key starts with all of {@code prefix}. */
    final boolean startsWith(byte[] prefix) {
        return keyLength() >= prefix.length && mismatch(0, prefix.length, prefix, 0) < 0;
    }

    /**
     * The first index {@code i} in {@code [0, to - from)} where key byte {@code from + i} differs from
     * {@code other[otherFrom + i]}, or -1 if none does; the key has at least {@code to} bytes.
     */
    abstract int mismatch(int from, int to, byte[] other, int otherFrom);

    /** Compares the key with {@code other[offset, offset + length)} as unsigned bytes. */
    final int compareTo(byte[] other, int offset, int length) {
        int n = Math.min(keyLength(), length);
        int i = mismatch(0, n, other, offset);
        return i >= 0 ? Integer.compare(keyByte(i), other[offset + i] & 0xFF) : Integer.compare(keyLength(), length);
    }

    @Override
    public final String toString() {
        return "0x" + HexFormat.of().formatHex(keyBytes()) + "=" + value();
    }
}
