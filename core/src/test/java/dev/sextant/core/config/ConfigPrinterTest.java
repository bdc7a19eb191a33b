package dev.sextant.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example loads, and its printed resolved form loads again to the same configuration. */
class ConfigPrinterTest {

    static Stream<Path> examples() throws IOException {
        Path dir = Path.of("..", "examples");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("examples/*.yaml").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examplesLoadAndTheirResolvedFormRoundTrips(Path example) {
        CompiledConfig first = ConfigCompilerTest.loader().load(example);
        String printed = ConfigPrinter.toYaml(first);
        CompiledConfig second = ConfigCompilerTest.loader().load(printed, "printed " + example);
        assertThat(ConfigPrinter.toYaml(second)).isEqualTo(printed);
        assertThat(second.profiles()).hasSameSizeAs(first.profiles());
        assertThat(second.plugins()).extracting(ConfiguredPlugin::name)
                .containsExactlyElementsOf(first.plugins().stream().map(ConfiguredPlugin::name).toList());
    }
}
