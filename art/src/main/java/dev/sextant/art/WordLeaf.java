package dev.sextant.art;

/**
 * A leaf whose key of 0 to 8 bytes is packed into a {@code long} (big-endian, unused low bytes zero):
 * 24 bytes in all, against 40 for a leaf with an array of 8.
 */
final class WordLeaf<V> extends Leaf<V> {
    private final long word;
    private final byte length;

    WordLeaf(long word, int length, V value) {
        super(value);
        this.word = word;
        this.length = (byte) length;
    }

    @Override
    public byte[] key() {
        return unpackedKey();
    }

    @Override
    public int keyLength() {
        return length;
    }

    @Override
    int keyByte(int i) {
        return CompressedPath.byteAt(word, i);
    }

    @Override
    byte[] keyBytes() {
        return unpackedKey();
    }

    boolean wordKeyEquals(byte[] other, int offset, int length, int known) {
        return this.length == length
                && (known == length || CompressedPath.storedBytesMatch(word, length, other, offset));
    }

    boolean wordIsPrefixOf(byte[] other, int offset, int length) {
        return this.length <= length
                && (this.length == 0 || CompressedPath.storedBytesMatch(word, this.length, other, offset));
    }

    @Override
    int mismatch(int from, int to, byte[] other, int otherFrom) {
        for (int i = from; i < to; i++) {
            if (keyByte(i) != (other[otherFrom + i - from] & 0xFF)) {
                return i - from;
            }
        }
        return -1;
    }
}
