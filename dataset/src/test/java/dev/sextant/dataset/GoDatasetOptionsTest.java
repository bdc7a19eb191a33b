package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDatasetOptionsTest {
    private static final List<SourceTree> TREES = List.of(SourceTree.of(Path.of("/src/go")));

    @Test
    void defaults() {
        GoDatasetOptions options = GoDatasetOptions.builder(Path.of("out.jsonl"), TREES).build();
        assertThat(options.minBodyLines()).isEqualTo(5);
        assertThat(options.includeTests()).isFalse();
        assertThat(options.includeVendor()).isFalse();
        assertThat(options.includeTestdata()).isFalse();
        assertThat(options.includeGenerated()).isFalse();
        assertThat(options.maxPairs()).isEqualTo(Long.MAX_VALUE);
        assertThat(options.order()).isEqualTo(new PairOrder.SourceOrder());
        assertThat(options.maxFileBytes()).isEqualTo(16 << 20);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<GoDatasetOptions.Builder>) b -> b.minBodyLines(-1),
                        "minBodyLines: -1 (expected: >= 0)"),
                Arguments.of((UnaryOperator<GoDatasetOptions.Builder>) b -> b.maxPairs(0), "maxPairs: 0 (expected: > 0)"),
                Arguments.of((UnaryOperator<GoDatasetOptions.Builder>) b -> b.maxFileBytes(0),
                        "maxFileBytes: 0 (expected: > 0)"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void badValuesAreNamed(UnaryOperator<GoDatasetOptions.Builder> change, String message) {
        GoDatasetOptions.Builder builder = GoDatasetOptions.builder(Path.of("out.jsonl"), TREES);
        assertThatThrownBy(() -> change.apply(builder).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void atLeastOneTree() {
        assertThatThrownBy(() -> GoDatasetOptions.builder(Path.of("out.jsonl"), List.of()).build())
                .hasMessage("trees: [] (expected: at least one)");
    }
}
