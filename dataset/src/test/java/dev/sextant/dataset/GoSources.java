package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Scanning Go snippets in tests. */
final class GoSources {
    private GoSources() {}

    /** Scans {@code source}, generated files included. */
    static GoFileScan scan(String source) {
        return GoFileScanner.scan(source.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The functions of a source that must be well formed. */
    static List<GoFunction> functions(String source) {
        GoFileScan scan = scan(source);
        assertThat(scan).isInstanceOf(GoFileScan.Functions.class);
        return ((GoFileScan.Functions) scan).functions();
    }

    /** The one function of a well-formed source. */
    static GoFunction onlyFunction(String source) {
        List<GoFunction> functions = functions(source);
        assertThat(functions).hasSize(1);
        return functions.get(0);
    }

    /** The source text of a function: what becomes a pair's output. */
    static String output(String source, GoFunction function) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        return new String(src, function.start(), function.end() - function.start(), StandardCharsets.UTF_8);
    }
}
