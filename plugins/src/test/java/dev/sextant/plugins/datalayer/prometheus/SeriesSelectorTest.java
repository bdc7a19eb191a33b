package dev.sextant.plugins.datalayer.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GIE's metric-spec syntax: a name with optional equality matchers, values quoted or not. */
class SeriesSelectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vllm:num_requests_waiting                                  | vllm:num_requests_waiting",
        "nv_trt_llm_request_metrics{request_type=waiting}           | nv_trt_llm_request_metrics{request_type=\"waiting\"}",
        "nv_trt_llm_request_metrics{request_type=\"waiting\"}       | nv_trt_llm_request_metrics{request_type=\"waiting\"}",
        "' x { a = \"1\" , b=two , } '                              | x{a=\"1\",b=\"two\"}",
        "x{}                                                        | x",
        "x{a=\"q\\\"\\n\\\\\"}                                      | x{a=\"q\\\"\\n\\\\\"}",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        SeriesSelector selector = SeriesSelector.parse(text);
        assertThat(selector).hasToString(canonical);
        assertThat(SeriesSelector.parse(selector.toString())).isEqualTo(selector);
    }

    @Test
    void readsLabelsInOrder() {
        SeriesSelector selector = SeriesSelector.parse("m{b=\"2\",a=1}");
        assertThat(selector.name()).isEqualTo("m");
        assertThat(selector.labels()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(selector.matches("m", Labels.of("a", "1", "b", "2", "c", "3"))).isTrue();
        assertThat(selector.matches("m", Labels.of("a", "1"))).isFalse();
        assertThat(selector.matches("n", Labels.of("a", "1", "b", "2"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9m", "m{", "m{a}", "m{a!=b}", "m{a=~b}", "m{a=}", "m{a=\"1\"", "m{a=1,a=2}",
        "m x", "{a=b}", "m{a=b c=d}", "m{1a=b}"})
    void refusesWhatItCannotMatchExactly(String text) {
        assertThatThrownBy(() -> SeriesSelector.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("selector: \"" + text + "\" at position ");
    }

    @Test
    void buildsFromCode() {
        assertThat(SeriesSelector.of("x", Map.of("a", "1"))).isEqualTo(SeriesSelector.parse("x{a=\"1\"}"));
        assertThatThrownBy(() -> SeriesSelector.of("9x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric name: \"9x\" (expected: letters, digits, _ and :, not starting with a digit)");
        assertThatThrownBy(() -> SeriesSelector.of("x", Map.of("a-b", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
