package dev.sextant.plugins.scorer.prefix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Xxh64Test {

    /** Reference values computed with the xxHash project's own {@code xxhsum -H1}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|ef46db3751d8e999",
        "a|d24ec4f1a98c6e5b",
        "abc|44bc2cf5ad770999",
        "Nobody inspects the spammish repetition|fbcea83c8a378bf1"})
    void matchesTheReferenceImplementationOnText(String text, String expectedHex) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Xxh64.hash(bytes, 0, bytes.length, 0)).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    /** Bytes 0,1,…,255 repeated, cut to a length that exercises stripes, lanes, a word and single bytes. */
    @ParameterizedTest
    @CsvSource({"1024,6f3914f18fe4df57", "100,6ac1e58032166597", "37,d93fa2dfee5c24c9"})
    void matchesTheReferenceImplementationOnBinary(int length, String expectedHex) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat(Xxh64.hash(bytes, 0, length, 0)).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    @Property
    void hashingCharsEqualsHashingTheirUtf16LeBytesAndTheSuffix(
            @ForAll @StringLength(max = 300) String text, @ForAll @IntRange(max = 80) int chars,
            @ForAll long suffix, @ForAll long seed) {
        int n = Math.min(chars, text.length()) & ~3;
        ByteBuffer bytes = ByteBuffer.allocate(2 * n + 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putChar(text.charAt(i));
        }
        bytes.putLong(suffix);
        assertThat(Xxh64.hashChars(text.toCharArray(), 0, n, suffix, seed)).isEqualTo(Xxh64.hash(bytes.array(), 0, bytes.capacity(), seed));
    }

    @ParameterizedTest
    @CsvSource({"3", "5", "-4"})
    void refusesRunsThatAreNotWholeLanesOrOutOfRange(int chars) {
        assertThatThrownBy(() -> Xxh64.hashChars("0123456789".toCharArray(), 0, chars, 0, 0))
                .isInstanceOf(RuntimeException.class);
    }
}
