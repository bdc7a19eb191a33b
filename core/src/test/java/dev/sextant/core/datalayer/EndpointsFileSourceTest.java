package dev.sextant.core.datalayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsFileSourceTest {
    @TempDir
    Path dir;

    private static final String TWO = """
            endpoints:
            - address: 10.0.0.1:8000
              name: decode-0
              labels: {llm-d.ai/role: decode}
              models: [llama, sql-lora]
            - address: 10.0.0.1:8200
            """;

    @Test
    void readsTheFileAndReloadsWhenItChanges() throws Exception {
        Path file = dir.resolve("endpoints.yaml");
        Files.writeString(file, TWO);
        LinkedBlockingQueue<List<Endpoint>> reports = new LinkedBlockingQueue<>();
        try (EndpointsFileSource source = new EndpointsFileSource(file, Duration.ofMillis(20))) {
            source.start(reports::add);
            List<Endpoint> first = reports.poll();
            assertThat(first).hasSize(2);
            assertThat(first.getFirst().name()).isEqualTo("decode-0");
            assertThat(first.getFirst().role()).contains("decode");
            assertThat(first.getFirst().models()).containsExactlyInAnyOrder("llama", "sql-lora");
            assertThat(first.get(1).servesModel("anything")).isTrue();

            Files.writeString(file, "endpoints: [{address: 10.0.0.9:9000}");  // broken: kept out
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(reports.poll(300, TimeUnit.MILLISECONDS)).isNull();

            Files.writeString(file, "endpoints:\n- address: 10.0.0.9:9000\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            List<Endpoint> second = reports.poll(10, TimeUnit.SECONDS);
            assertThat(second).extracting(e -> e.id().toString()).containsExactly("10.0.0.9:9000");
        }
    }

    @Test
    void aBrokenFileAtStartIsAConfigErrorNamingEveryProblem() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                endpoints:
                - address: 10.0.0.1
                - {address: 10.0.0.2:8000, role: decode}
                - {address: 10.0.0.2:8000}
                - {labels: {a: 1}}
                """);
        assertThatThrownBy(() -> new EndpointsFileSource(file, Duration.ofSeconds(1)).start(e -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoints[0].address: endpoint: \"10.0.0.1\" (expected: ip:port")
                .hasMessageContaining("endpoints[1].role: unknown key")
                .hasMessageContaining("endpoints[2].address: duplicate address 10.0.0.2:8000, also in endpoints[1]")
                .hasMessageContaining("endpoints[3].address: missing")
                .hasMessageContaining("endpoints[3].labels.a: 1 (expected: a string)");
    }
}
