package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceEncodingTest {

    @ParameterizedTest
    @CsvSource({
        // hex bytes after "x\n" (so the problem is on line 2), reason, message
        "ff, NOT_UTF8, illegal UTF-8 encoding",
        "80, NOT_UTF8, illegal UTF-8 encoding", // a lone continuation byte
        "c0af, NOT_UTF8, illegal UTF-8 encoding", // an overlong '/'
        "e08080, NOT_UTF8, illegal UTF-8 encoding", // an overlong NUL
        "eda080, NOT_UTF8, illegal UTF-8 encoding", // a surrogate
        "f4908080, NOT_UTF8, illegal UTF-8 encoding", // above U+10FFFF
        "e282, NOT_UTF8, illegal UTF-8 encoding", // cut short
        "00, MALFORMED, illegal character NUL",
        "efbbbf, MALFORMED, illegal byte order mark"
    })
    void problemsAreFoundWithTheirLine(String hex, FileSkipReason reason, String message) {
        byte[] src = concat("x\n".getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex));
        assertThat(SourceEncoding.check(src)).contains(new GoFileScan.Rejected(reason, 2, message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "package p", "é 日本 😀 ünïcödé", "\uFEFFpackage p", "a\u007fb"})
    void validTextPasses(String text) {
        assertThat(SourceEncoding.check(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Property(tries = 3000)
    void agreesWithTheJdkDecoderOnWhatIsUtf8(@ForAll @Size(max = 40) byte[] bytes) {
        Optional<GoFileScan.Rejected> problem = SourceEncoding.check(bytes);
        boolean jdkValid = isUtf8(bytes);
        if (jdkValid) {
            // Valid UTF-8 may still hold a NUL or a late byte order mark, which Go rejects.
            problem.ifPresent(p -> assertThat(p.reason()).isEqualTo(FileSkipReason.MALFORMED));
        } else {
            assertThat(problem).isPresent();
        }
    }

    @Property(tries = 1000)
    void aLongAsciiRunWithOneBadByteIsFoundWherever(@ForAll @Size(min = 1, max = 64) byte[] ascii, @ForAll byte bad) {
        byte[] src = ascii.clone();
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) ('a' + (src[i] & 0x0f));
        }
        int at = Math.floorMod(bad, src.length);
        src[at] = (byte) 0xff;
        assertThat(SourceEncoding.check(src)).map(GoFileScan.Rejected::reason).contains(FileSkipReason.NOT_UTF8);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
