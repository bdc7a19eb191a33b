package dev.sextant.plugins.datalayer.prometheus;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Sample values read from bytes are exactly the doubles Java's own correctly rounded reader gives. */
class NumberReaderProperties {
    private final NumberReader reader = new NumberReader();

    private double read(String text) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        assertThat(reader.readFloat(bytes, 0, bytes.length)).as(text).isTrue();
        return reader.value;
    }

    private void readsLikeJava(String text) {
        assertThat(Double.doubleToRawLongBits(read(text))).as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @Property
    void everyDoubleInEveryUsualSpelling(@ForAll double value, @ForAll @IntRange(min = 1, max = 20) int digits) {
        if (!Double.isFinite(value)) {
            return;
        }
        readsLikeJava(Double.toString(value));
        readsLikeJava(String.format(Locale.ROOT, "%." + digits + "e", value));
        readsLikeJava(String.format(Locale.ROOT, "%." + digits + "g", value));
        readsLikeJava(new BigDecimal(value).round(new java.math.MathContext(digits)).toPlainString());
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> sign = Arbitraries.of("", "+", "-");
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(-340, 340).map(e -> "e" + e),
                Arbitraries.integers().between(0, 30).map(e -> "E+" + e));
        return net.jqwik.api.Combinators.combine(sign, digits, Arbitraries.of("", "."), digits, exponent)
                .as((s, whole, dot, fraction, e) -> s + whole + dot + (dot.isEmpty() ? "" : fraction) + e);
    }

    @Property
    void decimalTextReadsLikeJava(@ForAll("decimals") String text) {
        readsLikeJava(text);
    }

    @Property
    void timestampsReadBackExactly(@ForAll long value) {
        byte[] bytes = Long.toString(value).getBytes(ISO_8859_1);
        assertThat(reader.readInt64(bytes, 0, bytes.length)).isTrue();
        assertThat(reader.integer).isEqualTo(value);
    }

    @Property
    void integersBeyondLongRangeAreRefused(@ForAll @IntRange(min = 1, max = 1000) int excess, @ForAll boolean negative) {
        java.math.BigInteger big = java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.valueOf(excess));
        String text = negative ? big.add(java.math.BigInteger.ONE).negate().toString() : big.toString();
        byte[] bytes = text.getBytes(ISO_8859_1);
        assertThat(reader.readInt64(bytes, 0, bytes.length)).as(text).isFalse();
    }
}
