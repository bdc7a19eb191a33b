package dev.sextant.art;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyEncodersTest {

    @Property
    void longKeysSortLikeLongs(@ForAll long a, @ForAll long b) {
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoders.longKey(a), KeyEncoders.longKey(b))))
                .isEqualTo(Integer.signum(Long.compare(a, b)));
        assertThat(KeyEncoders.readLong(KeyEncoders.longKey(a), 0)).isEqualTo(a);
    }

    @Property
    void unsignedLongKeysSortLikeUnsignedLongs(@ForAll long a, @ForAll long b) {
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoders.unsignedLongKey(a), KeyEncoders.unsignedLongKey(b))))
                .isEqualTo(Integer.signum(Long.compareUnsigned(a, b)));
        assertThat(KeyEncoders.readUnsignedLong(KeyEncoders.unsignedLongKey(a), 0)).isEqualTo(a);
    }

    @Property
    void intKeysSortLikeInts(@ForAll int a, @ForAll int b) {
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoders.intKey(a), KeyEncoders.intKey(b))))
                .isEqualTo(Integer.signum(Integer.compare(a, b)));
        assertThat(KeyEncoders.readInt(KeyEncoders.intKey(a), 0)).isEqualTo(a);
    }

    @Property
    void stringKeysSortByCodePoint(@ForAll String a, @ForAll String b) {
        // jqwik's strings may hold unpaired surrogates, which have no UTF-8 form; keep only valid ones.
        if (!isValidUtf16(a) || !isValidUtf16(b)) {
            return;
        }
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoders.stringKey(a), KeyEncoders.stringKey(b))))
                .isEqualTo(Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray())));
        byte[] key = KeyEncoders.stringKey(a);
        assertThat(KeyEncoders.readString(key, 0, key.length)).isEqualTo(a);
    }

    private static boolean isValidUtf16(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    @Test
    void writersEncodeIntoACallersBuffer() {
        byte[] buffer = new byte[12];
        KeyEncoders.writeInt(-1, buffer, 0);
        KeyEncoders.writeLong(1, buffer, 4);
        assertThat(buffer).containsExactly(0x7F, 0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1);
        KeyEncoders.writeUnsignedLong(-1L, buffer, 4);
        assertThat(KeyEncoders.readUnsignedLong(buffer, 4)).isEqualTo(-1L);
        assertThatThrownBy(() -> KeyEncoders.writeLong(0, buffer, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b"})
    void refusesUnpairedSurrogates(String value) {
        assertThatThrownBy(() -> KeyEncoders.stringKey(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value: a string with an unpaired surrogate (expected: valid UTF-16)");
    }
}
