package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "512k, 524288", "512KiB, 524288", "16M, 16777216", "16mib, 16777216",
        "16MB, 16777216", "1g, 1073741824", "' 7 ', 7"})
    void sizes(String text, int bytes) {
        assertThat(new ByteSizeConverter().convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "-1", "1.5M", "16X", "0", "2g", "99999999999999999999"})
    void notSizes(String text) {
        assertThatThrownBy(() -> new ByteSizeConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
