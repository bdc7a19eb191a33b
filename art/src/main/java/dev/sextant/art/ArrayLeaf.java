package dev.sextant.art;

import java.util.Arrays;

/** A leaf whose key (longer than 8 bytes) is held in a private array. */
final class ArrayLeaf<V> extends Leaf<V> {
    private final byte[] key;

    ArrayLeaf(byte[] key, V value) {
        super(value);
        this.key = key;
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
    int keyByte(int i) {
        return key[i] & 0xFF;
    }

    @Override
    byte[] keyBytes() {
        return key;
    }

    boolean arrayKeyEquals(byte[] other, int offset, int length, int known) {
        return key.length == length
                && (known == length || Arrays.equals(key, known, length, other, offset + known, offset + length));
    }

    boolean arrayIsPrefixOf(byte[] other, int offset, int length) {
        return key.length <= length && Arrays.equals(key, 0, key.length, other, offset, offset + key.length);
    }

    @Override
    int mismatch(int from, int to, byte[] other, int otherFrom) {
        return Arrays.mismatch(key, from, to, other, otherFrom, otherFrom + to - from);
    }
}
