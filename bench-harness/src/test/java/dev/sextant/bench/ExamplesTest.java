package dev.sextant.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.bench.cluster.PolicyConfig;
import dev.sextant.bench.workload.TestVocabulary;
import dev.sextant.bench.workload.Workload;
import dev.sextant.bench.workload.WorkloadParser;
import dev.sextant.bench.workload.WorkloadPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped peer policy and example workload loads. */
class ExamplesTest {

    static Stream<Path> policies() throws IOException {
        return list(Path.of("..", "examples", "policies"));
    }

    static Stream<Path> workloads() throws IOException {
        return list(Path.of("..", "examples", "workloads"));
    }

    private static Stream<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            var files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(files).as(dir + "/*.yaml").isNotEmpty();
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("policies")
    void policiesLoad(Path file) {
        PolicyConfig config = PolicyConfig.read(file);
        assertThat(config.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void workloadsLoadAndPlan(Path file) {
        Workload w = WorkloadParser.parse(file);
        var plan = WorkloadPlanner.of(w, TestVocabulary.VOCABULARY, 0, 3).newPlan();
        assertThat(plan.next()).isNotNull();
    }
}
