package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's lexical rules, case by case. Tokens are shown by their text; {@code <;>} is an inserted semicolon. */
class GoLexerTest {

    static Stream<Arguments> tokenCases() {
        return Stream.of(
                // Semicolons are inserted after identifiers, literals, closing brackets, ++, -- and four keywords.
                Arguments.of("x\n", "x | <;>"),
                Arguments.of("f()\n", "f | ( | ) | <;>"),
                Arguments.of("a[i]\n", "a | [ | i | ] | <;>"),
                Arguments.of("}\n", "} | <;>"),
                Arguments.of("i++\ni--\n", "i | ++ | <;> | i | -- | <;>"),
                Arguments.of("return\nbreak\ncontinue\nfallthrough\n",
                        "return | <;> | break | <;> | continue | <;> | fallthrough | <;>"),
                Arguments.of("s := \"a\"\n", "s | := | \"a\" | <;>"),
                Arguments.of("r := 'a'\n", "r | := | 'a' | <;>"),
                // ... and nowhere else: not after an opening brace, a comma, an operator or another keyword.
                Arguments.of("if x {\n", "if | x | {"),
                Arguments.of("f(a,\nb)\n", "f | ( | a | , | b | ) | <;>"),
                Arguments.of("x = a +\nb\n", "x | = | a | + | b | <;>"),
                Arguments.of("make(chan\nint)", "make | ( | chan | int | ) | <;>"),
                Arguments.of("x; y", "x | ; | y | <;>"),
                // Before a comment that runs to the end of the line, the semicolon comes first.
                Arguments.of("x // c\n", "x | <;> | // c"),
                Arguments.of("x /* c */\n", "x | <;> | /* c */"),
                Arguments.of("x /* c */ /* d */\n", "x | <;> | /* c */ | /* d */"),
                Arguments.of("x /* a\nb */ y", "x | <;> | /* a\nb */ | y | <;>"),
                Arguments.of("x /* c */ + y\n", "x | /* c */ | + | y | <;>"),
                Arguments.of("x /* c */", "x | <;> | /* c */"),
                // Comments, strings and runes hide brackets, quotes and comment markers.
                Arguments.of("// \"{ '`\n{", "// \"{ '` | {"),
                Arguments.of("/* } // \" */}", "/* } // \" */ | } | <;>"),
                Arguments.of("/**/ /*/ */", "/**/ | /*/ */"),
                Arguments.of("\"{\\\"}\"", "\"{\\\"}\" | <;>"),
                Arguments.of("\"// not a comment\"", "\"// not a comment\" | <;>"),
                Arguments.of("`{\n}\" '`", "`{\n}\" '` | <;>"),
                Arguments.of("`\\`", "`\\` | <;>"),
                Arguments.of("'{' '}' '\\'' '\"' '`' '/'", "'{' | '}' | '\\'' | '\"' | '`' | '/' | <;>"),
                Arguments.of("'ä' '日' '\\x41' '\\u00e4' '\\U0001F600' '\\101' '\\\\' '\\n'",
                        "'ä' | '日' | '\\x41' | '\\u00e4' | '\\U0001F600' | '\\101' | '\\\\' | '\\n' | <;>"),
                Arguments.of("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\000\\xff\\u12e4\\U0010FFFF\"",
                        "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\000\\xff\\u12e4\\U0010FFFF\" | <;>"),
                // Numbers: exponents take a sign, hexadecimal ones only after p.
                Arguments.of("1.5e+3 0x1p-2 .5 1_000 0b1010 0o17 1.5i 017 1E6",
                        "1.5e+3 | 0x1p-2 | .5 | 1_000 | 0b1010 | 0o17 | 1.5i | 017 | 1E6 | <;>"),
                Arguments.of("0x1E+2", "0x1E | + | 2 | <;>"),
                Arguments.of("a[1:]", "a | [ | 1 | : | ] | <;>"),
                // Operators.
                Arguments.of("a &^= b &^ c && d &= e & f", "a | &^= | b | &^ | c | && | d | &= | e | & | f | <;>"),
                Arguments.of("x <- <-ch", "x | <- | <- | ch | <;>"),
                Arguments.of("a <<= b << c <= d < e >>= f >> g >= h > i",
                        "a | <<= | b | << | c | <= | d | < | e | >>= | f | >> | g | >= | h | > | i | <;>"),
                Arguments.of("f(x...) a.b ~int a/b a /= b", "f | ( | x | ... | ) | a | . | b | ~ | int | a | / | b | a | /= | b | <;>"),
                Arguments.of("a || b |= c | d != e ! f == g := h", "a | || | b | |= | c | | | d | != | e | ! | f | == | g | := | h | <;>"),
                // Identifiers are Unicode letters and digits; keywords are recognised in place.
                Arguments.of("日本語 := x1_ä", "日本語 | := | x1_ä | <;>"),
                Arguments.of("funcs func packages package", "funcs | func | packages | package"),
                // Carriage returns are white space.
                Arguments.of("x\r\ny\r\n", "x | <;> | y | <;>"));
    }

    @ParameterizedTest
    @MethodSource("tokenCases")
    void tokenizesLikeGo(String source, String expected) {
        assertThat(String.join(" | ", tokens(source))).isEqualTo(expected);
    }

    static Stream<Arguments> lexicalErrors() {
        return Stream.of(
                Arguments.of("\"abc", 1, "string literal not terminated"),
                Arguments.of("x\n\"ab\nc\"", 2, "string literal not terminated"),
                Arguments.of("x\n`abc\n", 2, "raw string literal not terminated"),
                Arguments.of("'a", 1, "rune literal not terminated"),
                Arguments.of("'a\n'", 1, "rune literal not terminated"),
                Arguments.of("''", 1, "illegal rune literal"),
                Arguments.of("'ab'", 1, "illegal rune literal"),
                Arguments.of("\"\\q\"", 1, "unknown escape sequence"),
                Arguments.of("'\\\"'", 1, "unknown escape sequence"),
                Arguments.of("\"\\'\"", 1, "unknown escape sequence"),
                Arguments.of("\"\\xZ1\"", 1, "illegal character in escape sequence"),
                Arguments.of("\"\\uD800\"", 1, "escape sequence is invalid Unicode code point"),
                Arguments.of("\"\\U00110000\"", 1, "escape sequence is invalid Unicode code point"),
                Arguments.of("\"\\400\"", 1, "escape sequence is invalid Unicode code point"),
                Arguments.of("\"\\", 1, "escape sequence not terminated"),
                Arguments.of("\"\\x4", 1, "escape sequence not terminated"),
                Arguments.of("x\n\n/* abc\n", 3, "comment not terminated"),
                Arguments.of("x\ny @", 2, "illegal character U+0040"),
                Arguments.of("#", 1, "illegal character U+0023"),
                Arguments.of("$", 1, "illegal character U+0024"),
                Arguments.of("?", 1, "illegal character U+003F"),
                Arguments.of("\\", 1, "illegal character U+005C"),
                Arguments.of("\f", 1, "illegal character U+000C"),
                Arguments.of("\u0000", 1, "illegal character NUL"),
                Arguments.of("x := 1 € 2", 1, "illegal character U+20AC"),
                Arguments.of("x := \u0661", 1, "illegal character U+0661")); // an Arabic-Indic digit cannot start a word
    }

    @ParameterizedTest
    @MethodSource("lexicalErrors")
    void rejectsWhatGoRejectsWithTheLine(String source, int line, String message) {
        assertThatThrownBy(() -> tokens(source))
                .isInstanceOf(MalformedGoSourceException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedGoSourceException) e).line()).isEqualTo(line));
    }

    @ParameterizedTest
    @MethodSource("lexicalErrors")
    void bodySkippingRejectsTheSameErrors(String source, int line, String message) {
        byte[] src = ("{" + source).getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        lexer.next();
        assertThatThrownBy(() -> {
            while (lexer.nextBracket() != GoToken.EOF) {
                assertThat(lexer.kind()).isNotEqualTo(GoToken.EOF);
            }
        })
                .isInstanceOf(MalformedGoSourceException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MalformedGoSourceException) e).line()).isEqualTo(line));
    }

    @Test
    void tracksLinesThroughMultiLineTokens() {
        byte[] src = "a /* 1\n2\n3 */ `x\ny` b\nc".getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        List<String> seen = new ArrayList<>();
        for (GoToken t = lexer.next(); t != GoToken.EOF; t = lexer.next()) {
            seen.add(t + "@" + lexer.line() + "-" + lexer.endLine());
        }
        assertThat(seen).containsExactly(
                "IDENT@1-1", "SEMICOLON@1-1", "COMMENT@1-3", "LITERAL@3-4", "IDENT@4-4", "SEMICOLON@4-4", "IDENT@5-5", "SEMICOLON@5-5");
    }

    @Test
    void bodySkippingStopsOnlyAtBracketsOutsideLiterals() {
        String body = "{ \"}\" '}' `}\n{` /* } */ // }\n x := y[0] }\nz";
        byte[] src = body.getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        assertThat(lexer.next()).isEqualTo(GoToken.LBRACE);
        List<String> seen = new ArrayList<>();
        for (GoToken t = lexer.nextBracket(); t != GoToken.EOF; t = lexer.nextBracket()) {
            seen.add(t + "@" + lexer.line());
        }
        assertThat(seen).containsExactly("LBRACK@3", "RBRACK@3", "RBRACE@3");
    }

    @Test
    void afterASkippedBodyTheNextTokenEndsTheStatement() {
        byte[] src = "{ a }\n// c\nx".getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        lexer.next();
        assertThat(lexer.nextBracket()).isEqualTo(GoToken.RBRACE);
        assertThat(lexer.next()).isEqualTo(GoToken.SEMICOLON);
        assertThat(lexer.line()).isEqualTo(1);
        assertThat(lexer.next()).isEqualTo(GoToken.COMMENT);
        assertThat(lexer.next()).isEqualTo(GoToken.IDENT);
    }

    /** The tokens of {@code source}, each shown by its text; an inserted semicolon as {@code <;>}. */
    static List<String> tokens(String source) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        GoLexer lexer = new GoLexer(src, 0, src.length);
        List<String> out = new ArrayList<>();
        for (GoToken t = lexer.next(); t != GoToken.EOF; t = lexer.next()) {
            String text = new String(src, lexer.start(), lexer.end() - lexer.start(), StandardCharsets.UTF_8);
            out.add(t == GoToken.SEMICOLON && !text.equals(";") ? "<;>" : text);
        }
        return out;
    }
}
