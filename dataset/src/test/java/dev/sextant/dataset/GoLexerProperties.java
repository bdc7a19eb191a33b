package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input: on any bytes the lexer and the scanner terminate and either succeed or report a
 * malformed file, never another exception; and brackets hidden in literals never end a body.
 */
class GoLexerProperties {

    /** Pieces of Go that reach every branch of the lexer when glued together at random. */
    private static final List<String> FRAGMENTS = List.of(
            "package p\n", "func", " ", "\n", "\r\n", "\t", "{", "}", "(", ")", "[", "]", "\"", "'", "`", "/", "*",
            "//", "/*", "*/", "\\", "x", "1", ".", "e+", "0x", "struct", "interface", ";", ",", "é", "日", "\u0000",
            "\uFEFF", "return", "++", "...", "\\u", "\\x4", "'a'", "\"s\"", "`r`", "// c\n", "/* c */", "_");

    @Provide
    Arbitrary<String> goLike() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void lexerTerminatesOnArbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        lexAll(bytes);
    }

    @Property(tries = 2000)
    void lexerTerminatesOnGoLikeText(@ForAll("goLike") String text) {
        lexAll(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void bodySkippingTerminatesOnGoLikeText(@ForAll("goLike") String text) {
        byte[] src = text.getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        int previousEnd = 0;
        try {
            for (int steps = 0; lexer.nextBracket() != GoToken.EOF; steps++) {
                assertThat(lexer.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(lexer.end()).isEqualTo(lexer.start() + 1);
                assertThat(steps).isLessThanOrEqualTo(src.length);
                previousEnd = lexer.end();
            }
        } catch (MalformedGoSourceException e) {
            assertThat(e.line()).isPositive();
        }
    }

    @Property(tries = 2000)
    void scannerAnswersForArbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        assertThat(GoFileScanner.scan(bytes, true)).isNotNull();
    }

    @Property(tries = 3000)
    void scannerAnswersForGoLikeText(@ForAll("goLike") String text) {
        byte[] src = ("package p\n" + text).getBytes(StandardCharsets.UTF_8);
        GoFileScan scan = GoFileScanner.scan(src, true);
        if (scan instanceof GoFileScan.Functions(List<GoFunction> functions)) {
            for (GoFunction f : functions) {
                assertThat(f.start()).isLessThan(f.end());
                assertThat(f.end()).isLessThanOrEqualTo(src.length);
                assertThat(f.firstLine()).isLessThanOrEqualTo(f.lastLine());
            }
        }
    }

    /** Balanced, lexically valid statements whose literals and comments are full of brackets and quotes. */
    @Provide
    Arbitrary<List<String>> bodyParts() {
        return Arbitraries.of(
                "\"}\"", "\"{\"", "'{'", "'}'", "'\\''", "'\"'", "'`'", "`}`", "`{\n}`", "\"\\\"}\"", "/* } */",
                "// }\n", "// {\n", "/* {\n */", "{ }", "{\n}", "x := 1\n", "f(a[1])\n", "_ = []int{1}\n",
                "_ = map[string]struct{}{\"}\": {}}\n", "\n", " ", "\t", "s := \"// not a comment {\"\n",
                "r := '/'\n", "_ = 1 / 2\n", "x /= 2\n").list().ofMaxSize(40);
    }

    @Property(tries = 1000)
    void bracketsInLiteralsAndCommentsNeverEndABody(@ForAll("bodyParts") List<String> parts) {
        String function = "func F() {\n" + String.join("", parts) + "\n}";
        String source = "package p\n\n// F does things.\n" + function + "\n\n// G follows.\nfunc G() {}\n";
        List<GoFunction> functions = GoSources.functions(source);
        assertThat(functions).extracting(GoFunction::name).containsExactly("F", "G");
        assertThat(GoSources.output(source, functions.get(0))).isEqualTo(function);
        assertThat(functions.get(0).doc()).isEqualTo("F does things.");
        assertThat(functions.get(1).doc()).isEqualTo("G follows.");
        assertThat(functions.get(0).bodyLines()).isEqualTo(function.split("\n", -1).length);
    }

    private static void lexAll(byte[] src) {
        GoLexer lexer = new GoLexer(src, 0, src.length);
        int previousEnd = 0;
        int steps = 0;
        try {
            while (lexer.next() != GoToken.EOF) {
                assertThat(lexer.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(lexer.end()).isGreaterThanOrEqualTo(lexer.start()).isLessThanOrEqualTo(src.length);
                assertThat(lexer.endLine()).isGreaterThanOrEqualTo(lexer.line());
                previousEnd = lexer.end();
                // Every token consumes a byte, except an inserted semicolon, which never comes twice in a row.
                assertThat(++steps).isLessThanOrEqualTo(2 * src.length + 2);
            }
        } catch (MalformedGoSourceException e) {
            assertThat(e.line()).isPositive();
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
