package dev.sextant.art;

/**
 * A leaf whose key of 9 to 24 bytes is packed into three {@code long}s (big-endian, unused low bytes
 * zero): 40 bytes in all, against 16 for a leaf plus 40 for an array of 20, and no second object to
 * load on a lookup. A lookup compares the key as up to three masked 8-byte words.
 */
final class WordsLeaf<V> extends Leaf<V> {
    /** The longest key this leaf holds. */
    static final int MAX_LENGTH = 3 * CompressedPath.STORED;

    private final long word0;
    private final long word1;
    private final long word2;
    private final byte length;

    /** A leaf for {@code key[offset, offset + length)}, {@code 8 < length <= 24}. */
    WordsLeaf(byte[] key, int offset, int length, V value) {
        super(value);
        this.word0 = CompressedPath.pack(key, offset, CompressedPath.STORED);
        this.word1 = CompressedPath.pack(key, offset + 8, Math.min(length - 8, CompressedPath.STORED));
        this.word2 = length > 16 ? CompressedPath.pack(key, offset + 16, length - 16) : 0;
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
        long word = i < 8 ? word0 : i < 16 ? word1 : word2;
        return CompressedPath.byteAt(word, i & 7);
    }

    @Override
    byte[] keyBytes() {
        return unpackedKey();
    }

    /** Whether the first {@code n} (9..24) key bytes equal {@code other[offset, offset + n)}. */
    private boolean wordsMatch(byte[] other, int offset, int n) {
        return CompressedPath.storedBytesMatch(word0, CompressedPath.STORED, other, offset)
                && CompressedPath.storedBytesMatch(word1, Math.min(n - 8, CompressedPath.STORED), other, offset + 8)
                && (n <= 16 || CompressedPath.storedBytesMatch(word2, n - 16, other, offset + 16));
    }

    boolean wordsKeyEquals(byte[] other, int offset, int length, int known) {
        return this.length == length && (known == length || wordsMatch(other, offset, length));
    }

    boolean wordsIsPrefixOf(byte[] other, int offset, int length) {
        return this.length <= length && wordsMatch(other, offset, this.length);
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
