package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which comments are a function's doc (go/parser's lead comment) and how their text is cleaned
 * (go/ast's CommentGroup.Text, without its final newline). Every expectation was checked against
 * go/parser from Go 1.19.
 */
class DocCommentTest {

    static Stream<Arguments> docs() {
        return Stream.of(
                // The group right above the declaration is its doc; a blank line ends a group.
                Arguments.of("// A\n// B\nfunc F() {}", "A\nB"),
                Arguments.of("// A\n\nfunc F() {}", ""),
                Arguments.of("// A\n\n// B\nfunc F() {}", "B"),
                Arguments.of("// Doc\nvar x = 1\nfunc F() {}", ""),
                // A comment on the previous declaration's last line belongs to it, not to the next one.
                Arguments.of("var x = 1 // trailing\nfunc F() {}", ""),
                Arguments.of("var x = 1 // trailing\n// Doc\nfunc F() {}", "Doc"),
                Arguments.of("func G() {} // G's\n// Doc\nfunc F() {}", "Doc"),
                Arguments.of("func G() {} /* a\nb */\nfunc F() {}", ""),
                Arguments.of("var x = `a\nb` // trailing\n// Doc\nfunc F() {}", "Doc"),
                // The group must end on the line just above 'func'.
                Arguments.of("// Doc\n/* x */ func F() {}", ""),
                Arguments.of("/* Doc */ func F() {}", ""),
                // Comment markers go, and the first space after //.
                Arguments.of("//Doc without a space\nfunc F() {}", "Doc without a space"),
                Arguments.of("//  two spaces\nfunc F() {}", " two spaces"),
                Arguments.of("/* A */\nfunc F() {}", " A"),
                Arguments.of("/* A */ /* B */\nfunc F() {}", " A\n B"),
                Arguments.of("/*\nA\n  B\n*/\nfunc F() {}", "A\n  B"),
                Arguments.of("// A\n/* B\n*/\nfunc F() {}", "A\n B"),
                Arguments.of("func G() {}\n/* a */ // b\nfunc F() {}", " a\nb"),
                Arguments.of("// A */ and // inside\nfunc F() {}", "A */ and // inside"),
                // Directives are not text: //go:x, //line, //export, //extern and any //word:word.
                Arguments.of("// Doc\n//go:noinline\nfunc F() {}", "Doc"),
                Arguments.of("//go:noinline\nfunc F() {}", ""),
                Arguments.of("// Doc\n//line foo.go:10\n//export F\n//extern f\nfunc F() {}", "Doc"),
                Arguments.of("// Doc\n//nolint:errcheck\n//lint:ignore U1000 why\nfunc F() {}", "Doc"),
                Arguments.of("// Doc\n// go:noinline\nfunc F() {}", "Doc\ngo:noinline"),
                Arguments.of("// Doc\n//Go:x\n//go:\n//:x\nfunc F() {}", "Doc\nGo:x\ngo:\n:x"),
                // Blank lines: leading and trailing ones go, inner runs become one; trailing space goes.
                Arguments.of("//\n// A\n//\n//\n// B\n//\nfunc F() {}", "A\n\nB"),
                Arguments.of("/*\n\n\nA\n\n\n\nB\n\n*/\nfunc F() {}", "A\n\nB"),
                Arguments.of("// A   \t\nfunc F() {}", "A"),
                Arguments.of("// A\n//\tcode\n//\t  more\nfunc F() {}", "A\n\tcode\n\t  more"),
                // Carriage returns go from comments.
                Arguments.of("// A\r\n// B\r\nfunc F() {}", "A\nB"),
                Arguments.of("/* A\r\n B */\r\nfunc F() {}", " A\n B"),
                // Any kind of function declaration has a doc.
                Arguments.of("// Doc\nfunc F[T any]() {}", "Doc"),
                Arguments.of("// Doc\nfunc (r *R[K, V]) M() {}", "Doc"),
                Arguments.of("// Doc\nfunc F()", "Doc"),
                Arguments.of("// Doc ünïcödé 日本\nfunc F() {}", "Doc ünïcödé 日本"));
    }

    @ParameterizedTest
    @MethodSource("docs")
    void docIsTheLeadCommentCleanedAsGoDocShowsIt(String declarations, String doc) {
        var functions = GoSources.functions("package p\n\n" + declarations);
        assertThat(functions.get(functions.size() - 1).doc()).isEqualTo(doc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"package p // the package\n// Doc\nfunc F() {}", "package p\n// Doc\nfunc F() {}"})
    void theFirstDeclarationAfterThePackageClauseFollowsTheSameRules(String source) {
        assertThat(GoSources.onlyFunction(source).doc()).isEqualTo("Doc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line 12", "extern f", "export F", "go:noinline", "nolint:all", "a1:b", "x:y"})
    void directives(String text) {
        assertThat(DocText.isDirective(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lines 12", "Go:x", "go:", ":x", "go :x", "go:X", "a-b:c", "", "text with: colon"})
    void notDirectives(String text) {
        assertThat(DocText.isDirective(text)).isFalse();
    }
}
