package dev.sextant.art;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Binary-comparable encodings: each turns a value into bytes whose unsigned lexicographic order (the
 * order of {@link AdaptiveRadixTree}) is the natural order of the values, and back.
 *
 * <ul>
 *   <li>{@code long} and {@code int}: big-endian with the sign bit flipped, so negative numbers sort
 *       before positive ones; 8 and 4 bytes.
 *   <li>unsigned {@code long}: plain big-endian, for hashes and identifiers that use all 64 bits.
 *   <li>{@code String}: UTF-8, which sorts by Unicode code point. (This differs from
 *       {@link String#compareTo}, which compares UTF-16 units, only for strings mixing characters
 *       above U+FFFF with characters in U+E000..U+FFFF.) Strings with unpaired surrogates have no
 *       UTF-8 form and are refused.
 * </ul>
 *
 * <p>The {@code write…} methods encode into a caller's array so that hot paths can reuse one buffer
 * and allocate nothing. Fixed-width encodings concatenate into composite keys that sort field by field;
 * put variable-length strings last. All methods are stateless and thread-safe.
 */
public final class KeyEncoders {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private KeyEncoders() {}

    /** The 8-byte key of a signed {@code long}. */
    public static byte[] longKey(long value) {
        byte[] key = new byte[Long.BYTES];
        writeLong(value, key, 0);
        return key;
    }

    /**
     * Writes the 8-byte key of a signed {@code long} to {@code dst[offset, offset + 8)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code dst}
     */
    public static void writeLong(long value, byte[] dst, int offset) {
        writeUnsignedLong(value ^ Long.MIN_VALUE, dst, offset);
    }

    /** The signed {@code long} whose key is at {@code src[offset, offset + 8)}. */
    public static long readLong(byte[] src, int offset) {
        return readUnsignedLong(src, offset) ^ Long.MIN_VALUE;
    }

    /** The 8-byte key of a {@code long} taken as unsigned (plain big-endian). */
    public static byte[] unsignedLongKey(long value) {
        byte[] key = new byte[Long.BYTES];
        writeUnsignedLong(value, key, 0);
        return key;
    }

    /**
     * Writes the 8-byte key of an unsigned {@code long} to {@code dst[offset, offset + 8)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code dst}
     */
    public static void writeUnsignedLong(long value, byte[] dst, int offset) {
        requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(offset, Long.BYTES, dst.length);
        LONG.set(dst, offset, value);
    }

    /** The unsigned {@code long} whose key is at {@code src[offset, offset + 8)}. */
    public static long readUnsignedLong(byte[] src, int offset) {
        requireNonNull(src, "src");
        Objects.checkFromIndexSize(offset, Long.BYTES, src.length);
        return (long) LONG.get(src, offset);
    }

    /** The 4-byte key of a signed {@code int}. */
    public static byte[] intKey(int value) {
        byte[] key = new byte[Integer.BYTES];
        writeInt(value, key, 0);
        return key;
    }

    /**
     * Writes the 4-byte key of a signed {@code int} to {@code dst[offset, offset + 4)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code dst}
     */
    public static void writeInt(int value, byte[] dst, int offset) {
        requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(offset, Integer.BYTES, dst.length);
        INT.set(dst, offset, value ^ Integer.MIN_VALUE);
    }

    /** The signed {@code int} whose key is at {@code src[offset, offset + 4)}. */
    public static int readInt(byte[] src, int offset) {
        requireNonNull(src, "src");
        Objects.checkFromIndexSize(offset, Integer.BYTES, src.length);
        return (int) INT.get(src, offset) ^ Integer.MIN_VALUE;
    }

    /**
     * The UTF-8 key of a string.
     *
     * @throws IllegalArgumentException if the string contains an unpaired surrogate
     */
    public static byte[] stringKey(String value) {
        requireNonNull(value, "value");
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(value));
            byte[] key = new byte[bytes.remaining()];
            bytes.get(key);
            return key;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("value: a string with an unpaired surrogate (expected: valid UTF-16)", e);
        }
    }

    /** The string whose UTF-8 key is {@code src[offset, offset + length)}. */
    public static String readString(byte[] src, int offset, int length) {
        requireNonNull(src, "src");
        Objects.checkFromIndexSize(offset, length, src.length);
        return new String(src, offset, length, StandardCharsets.UTF_8);
    }
}
