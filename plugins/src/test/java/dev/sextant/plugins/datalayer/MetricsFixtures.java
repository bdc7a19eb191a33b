package dev.sextant.plugins.datalayer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real {@code /metrics} captures of {@code fixtures/metrics} (copied onto the test class path
 * by the build), with what a reader of each file finds in it: the expected numbers were written by
 * reading the files, not by running the parser.
 */
public final class MetricsFixtures {
    private MetricsFixtures() {}

    /**
     * What one fixture holds.
     *
     * @param file the file name
     * @param engine the engine type whose metric names it uses
     * @param families metric families (every one of them has a TYPE line)
     * @param samples sample lines
     */
    public record Fixture(String file, String engine, int families, int samples) {

        /** The file's bytes, exactly as captured. */
        public byte[] bytes() {
            try {
                return Files.readAllBytes(directory().resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static final Fixture VLLM_V0 = new Fixture("vllm-v0-0.4-opt-125m-datadog.prom", "vllm", 29, 120);
    public static final Fixture VLLM_COMPOSITE =
            new Fixture("vllm-datadog-composite-v0-capture-plus-v1-families.prom", "vllm", 50, 185);
    public static final Fixture VLLM_V1_A =
            new Fixture("vllm-v1-0.10.0-glm-4.5-production-stack-617-excerpt-a.prom", "vllm", 5, 5);
    public static final Fixture VLLM_V1_B =
            new Fixture("vllm-v1-0.10.0-glm-4.5-production-stack-617-excerpt-b.prom", "vllm", 2, 12);
    public static final Fixture SGLANG = new Fixture("sglang-0.5.10-opt-125m-datadog.prom", "sglang", 25, 43);
    public static final Fixture TRITON = new Fixture("triton-trtllm-backend-readme-sample.prom", "trtllm", 6, 20);

    /** Every fixture with its expectations. */
    public static List<Fixture> all() {
        return List.of(VLLM_V0, VLLM_COMPOSITE, VLLM_V1_A, VLLM_V1_B, SGLANG, TRITON);
    }

    /** The names of the {@code .prom} files actually present, to check that none lacks expectations. */
    public static List<String> filesPresent() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".prom")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        URL url = MetricsFixtures.class.getClassLoader().getResource("fixtures/metrics");
        if (url == null) {
            throw new IllegalStateException("fixtures/metrics is not on the test class path (see plugins/pom.xml)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
