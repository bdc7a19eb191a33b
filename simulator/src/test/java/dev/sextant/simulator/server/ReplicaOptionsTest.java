package dev.sextant.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicaOptionsTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.port(70_000), "port: 70000 (expected: 0..65535)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.model(" "), "model: blank"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.maxLoras(-1), "maxLoras: -1 (expected: >= 0)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.maxLoras(0).loraModule("a", "/a"),
                        "maxLoras: 0 (expected: > 0 when LoRA modules are given)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.loraModule("sim-model", "/a"),
                        "loraModules: 'sim-model' (expected: a non-blank name other than the base model)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.timeScale(Double.NaN), "timeScale: NaN (expected: > 0)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.failureRate(1.5), "failureRate: 1.5 (expected: 0..1)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.startupDelay(Duration.ofSeconds(-1)),
                        "startupDelay: PT-1S (expected: >= 0)"),
                Arguments.of((UnaryOperator<ReplicaOptions.Builder>) b -> b.maxWaiting(0), "maxWaiting: 0 (expected: > 0)"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidOptionsNameTheField(UnaryOperator<ReplicaOptions.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(ReplicaOptions.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void toBuilderKeepsEveryField() {
        ReplicaOptions o = ReplicaOptions.builder().model("x").port(9).maxLoras(3).loraModule("a", "/a").seed(7)
                .timeScale(5).failureRate(0.25).hang(true).echo(true).outputLength("4-9").maxWaiting(3).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "x", "5-", "9-3", "-1"})
    void badOutputLengthsAreRefused(String spec) {
        assertThatThrownBy(() -> OutputLength.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output length");
    }

    @Test
    void outputLengthsStayInTheirRange() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(OutputLength.parse("12").draw(random)).isEqualTo(12);
        OutputLength uniform = OutputLength.parse("3-5");
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.draw(random)).isBetween(3, 5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prefill", "DECODE", " both "})
    void rolesParseCaseInsensitively(String value) {
        assertThat(Role.parse(value).label()).isEqualTo(value.trim().toLowerCase());
    }
}
