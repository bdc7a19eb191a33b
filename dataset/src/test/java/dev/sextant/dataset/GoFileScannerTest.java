package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding declarations, their receivers and bodies; rejecting malformed files; generated files. */
class GoFileScannerTest {

    static Stream<Arguments> receivers() {
        return Stream.of(
                Arguments.of("func (l *List[K, V]) Get(k K) V { return l.m[k] }", "Get", "*List[K, V]"),
                Arguments.of("func (List[T]) Len() int { return 0 }", "Len", "List[T]"),
                Arguments.of("func (_ T) M() {}", "M", "T"),
                Arguments.of("func (t T,) M() {}", "M", "T"),
                Arguments.of("func (t /* the receiver */ *T) M() {}", "M", "*T"),
                Arguments.of("func ((T)) M() {}", "M", "(T)"),
                Arguments.of("func (t *T[\n\tK,\n\tV,\n]) M() {}", "M", "*T[K, V]"),
                // Several receivers parse (the type checker rejects them): the first one's type, as go/ast.
                Arguments.of("func (T3, *T3) M() {}", "M", "T3"),
                Arguments.of("func (a, b T3) M() {}", "M", "T3"),
                Arguments.of("func F[T any, U comparable](t T) U { var u U; return u }", "F", ""),
                Arguments.of("func F() {}", "F", ""));
    }

    @ParameterizedTest
    @MethodSource("receivers")
    void namesAndReceivers(String declaration, String name, String receiver) {
        GoFunction function = GoSources.onlyFunction("package p\n" + declaration + "\n");
        assertThat(function.name()).isEqualTo(name);
        assertThat(function.receiver()).isEqualTo(receiver);
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                // Braces in the signature belong to struct and interface types; the first other one is the body.
                Arguments.of("func F() struct{ a int } { return struct{ a int }{} }", 1),
                Arguments.of("func F() interface{ M() } {\n\treturn nil\n}", 3),
                Arguments.of("func F() interface {\n\tM()\n} {\n\treturn nil\n}", 3),
                Arguments.of("func F() func() {\n\treturn nil\n}", 3),
                Arguments.of("func F() func() struct{} {\n\treturn nil\n}", 3),
                Arguments.of("func F() chan struct{} {\n\treturn nil\n}", 3),
                Arguments.of("func F() map[string]struct{} {\n\treturn nil\n}", 3),
                Arguments.of("func F(x [unsafe.Sizeof(struct{}{})]byte) {\n}", 2),
                Arguments.of("func F(f func(struct{ x int }) interface{}) (a, b int) {\n\treturn\n}", 3),
                Arguments.of("func F[T interface{ ~int | ~string }](t T) T {\n\treturn t\n}", 3),
                // Brackets inside literals and comments do not count.
                Arguments.of("func F() string {\n\tx := `\n}\n`\n\treturn x + \"}\" + string('}') // }\n}", 6),
                Arguments.of("func F() {\n\t/* } */\n\t_ = map[string][]int{\"a\": {1}}\n}", 4),
                // No body: the declaration ends at the semicolon.
                Arguments.of("func F()", 0),
                Arguments.of("func F() int // in assembly", 0),
                Arguments.of("func F() (\n\tint,\n\terror,\n)", 0));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void theBodyIsFoundAndTheOutputRunsFromFuncToTheClosingBrace(String declaration, int bodyLines) {
        String source = "package p\n\n" + declaration + "\n";
        GoFunction function = GoSources.onlyFunction(source);
        assertThat(function.bodyLines()).isEqualTo(bodyLines);
        String output = GoSources.output(source, function);
        assertThat(output).startsWith("func F");
        if (bodyLines > 0) {
            assertThat(output).endsWith("}").isEqualTo(declaration);
        } else {
            assertThat(declaration).startsWith(output);
        }
        assertThat(function.firstLine()).isEqualTo(3);
        assertThat(function.lastLine()).isEqualTo(3 + output.split("\n", -1).length - 1);
    }

    @Test
    void functionLiteralsAndTypesAtTheTopLevelAreNotDeclarations() {
        var functions = GoSources.functions("""
                package p

                var f = func() {
                \tprintln()
                }
                var (
                \tg = func() {}
                )
                type T struct{ f func() }
                type I interface{ M() }
                func A() {}
                func (T) B() {}
                func init() {}
                func init() {}
                """);
        assertThat(functions).extracting(GoFunction::name).containsExactly("A", "B", "init", "init");
    }

    @Test
    void aNewlineAfterFuncEndsNoStatement() {
        assertThat(GoSources.onlyFunction("package p\nfunc\nF() {}\n").name()).isEqualTo("F");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() {
        GoFunction function = GoSources.onlyFunction("\uFEFFpackage p\n// Doc\nfunc F() {\n}\n");
        assertThat(function.doc()).isEqualTo("Doc");
        assertThat(function.firstLine()).isEqualTo(3);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", 1, "expected 'package' clause, found end of file"),
                Arguments.of("// just a comment\n", 2, "expected 'package' clause, found end of file"),
                Arguments.of("func F() {}", 1, "expected 'package' clause, found 'func'"),
                Arguments.of("package p\nfunc F() {\n\tx()\n", 2, "'{' is never closed"),
                Arguments.of("package p\nfunc F() {\n\tx(]\n}", 3, "']' does not close the '(' opened on line 3"),
                Arguments.of("package p\nvar x = 1)\n", 2, "unexpected ')'"),
                Arguments.of("package p\nfunc (", 2, "'(' is never closed"),
                Arguments.of("package p\nfunc 1() {}", 2, "expected function name, found '1'"),
                Arguments.of("package p\nfunc `" + "x".repeat(100) + "`() {}", 2,
                        "expected function name, found '`" + "x".repeat(39) + "…'"),
                Arguments.of("package p\nfunc F\n() {}", 2, "expected '(', found newline"),
                Arguments.of("package p\nfunc F[T any] {}", 2, "expected '(', found '{'"),
                Arguments.of("package p\nfunc F(\n", 2, "'(' is never closed"),
                Arguments.of("package p\nfunc F() {\n\ts := \"abc\n}", 3, "string literal not terminated"),
                Arguments.of("package p\n\n/* never closed", 3, "comment not terminated"),
                Arguments.of("package p\nvar x = 1 @ 2", 2, "illegal character U+0040"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFilesAreRejectedWithTheLine(String source, int line, String message) {
        assertThat(GoSources.scan(source)).isEqualTo(new GoFileScan.Rejected(FileSkipReason.MALFORMED, line, message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "// Code generated by x. DO NOT EDIT.\n\npackage p\n",
        "// Copyright\n\n// Code generated by protoc-gen-go. DO NOT EDIT.\n// versions: 1\npackage p\n",
        "/*\n// Code generated by x. DO NOT EDIT.\n*/\npackage p\n",
        "// Code generated by x. DO NOT EDIT.\r\npackage p\n",
        "//go:build linux\n\n// Code generated by x. DO NOT EDIT.\npackage p\n"
    })
    void generatedFilesAreRecognisedBeforeThePackageClause(String source) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        assertThat(GoFileScanner.scan(src, false)).isEqualTo(new GoFileScan.Generated());
        assertThat(GoFileScanner.scan(src, true)).isInstanceOf(GoFileScan.Functions.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "package p\n// Code generated by x. DO NOT EDIT.\n",
        "// Code generated DO NOT EDIT.\npackage p\n",
        "// Code generated by x. DO NOT EDIT. \npackage p\n",
        "//Code generated by x. DO NOT EDIT.\npackage p\n",
        "// code generated by x. DO NOT EDIT.\npackage p\n",
        "// Code generated by x. Do not edit.\npackage p\n",
        "/* Code generated by x. DO NOT EDIT. */\npackage p\n"
    })
    void otherFilesAreNotGenerated(String source) {
        assertThat(GoFileScanner.scan(source.getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(GoFileScan.Functions.class);
    }

    @Test
    void encodingProblemsComeFirst() {
        byte[] latin1 = "package p\n// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(GoFileScanner.scan(latin1, true))
                .isEqualTo(new GoFileScan.Rejected(FileSkipReason.NOT_UTF8, 2, "illegal UTF-8 encoding"));
    }
}
