package dev.sextant.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageTest {

    @ParameterizedTest
    @CsvSource({"3x20s, 3, 20000", "2.5x1m30s, 2.5, 90000", "0x500ms, 0, 500", "10x15, 10, 15000"})
    void parsesRateTimesDuration(String text, double rate, long millis) {
        assertThat(Stage.parse(text)).isEqualTo(new Stage(rate, Duration.ofMillis(millis)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3|stage: \"3\" (expected: RATExDURATION such as 3x20s)",
        "ax20s|stage: \"ax20s\": rate is not a number (expected: RATExDURATION such as 3x20s)",
        "3xsoon|stage: \"3xsoon\": duration is not a duration (expected: RATExDURATION such as 3x20s)",
        "-1x20s|stage: \"-1x20s\": rate: -1.0 (expected: >= 0)",
        "3x0s|stage: \"3x0s\": duration: PT0S (expected: > 0)",
    })
    void refusesWhatIsNotAStage(String text, String message) {
        assertThatThrownBy(() -> Stage.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"3x20s", "2.5x1.5s", "0x250ms"})
    void printsWhatItParses(String text) {
        assertThat(Stage.parse(text).toString()).isEqualTo(text);
    }
}
