package dev.sextant.bench.metrics;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.time.Clock;
import dev.sextant.plugins.datalayer.metrics.EngineMappings;
import dev.sextant.plugins.datalayer.metrics.MetricsExtractor;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import dev.sextant.plugins.datalayer.prometheus.PrometheusTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scrape's worth of work on each real capture of {@code fixtures/metrics}: parsing the body,
 * parsing and extracting the endpoint metrics (keeping every sample, or only those the extractor
 * reads, as the data layer does), and, as the baseline every text-based parser pays first, merely
 * decoding the body into a {@code String}.
 *
 * <p>It runs every 50 ms per endpoint, so both time and allocation matter: check with
 * {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseCompactObjectHeaders"})
public class PrometheusParserBenchmark {

    @Param({
        "vllm-v0-0.4-opt-125m-datadog.prom",
        "vllm-datadog-composite-v0-capture-plus-v1-families.prom",
        "vllm-v1-0.10.0-glm-4.5-production-stack-617-excerpt-a.prom",
        "vllm-v1-0.10.0-glm-4.5-production-stack-617-excerpt-b.prom",
        "sglang-0.5.10-opt-125m-datadog.prom",
        "triton-trtllm-backend-readme-sample.prom",
    })
    String fixture;

    private byte[] body;
    private MetricsExtractor extractor;
    private EndpointSnapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        try (InputStream in = PrometheusParserBenchmark.class.getClassLoader()
                .getResourceAsStream("fixtures/metrics/" + fixture)) {
            if (in == null) {
                throw new IllegalStateException("fixture not in the benchmark jar: " + fixture);
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        extractor = new MetricsExtractor("metrics", EngineMappings.defaults(), Clock.system());
        String engine = fixture.startsWith("sglang") ? "sglang" : fixture.startsWith("triton") ? "trtllm" : "vllm";
        snapshot = EndpointSnapshot.of(
                Endpoint.of("10.0.0.1:8000").withLabels(Map.of(Endpoint.ENGINE_TYPE_LABEL, engine)));
    }

    @Benchmark
    public ParsedMetrics parse() {
        return PrometheusTextParser.parse(body);
    }

    @Benchmark
    public EndpointMetrics parseAndExtract() {
        Update update = new Update(snapshot);
        extractor.extract(PrometheusTextParser.parse(body), update);
        return update.metrics.build();
    }

    /** What a scrape bound to the extractor does: keep only the samples it reads. */
    @Benchmark
    public EndpointMetrics parseWantedAndExtract() {
        Update update = new Update(snapshot);
        extractor.extract(PrometheusTextParser.parse(body, 0, body.length, extractor.sampleNames()), update);
        return update.metrics.build();
    }

    @Benchmark
    public String baselineDecodeToString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The least an engine's update can be: a builder over the current metrics. */
    private static final class Update implements EndpointUpdate {
        private final EndpointSnapshot current;
        private final EndpointMetrics.Builder metrics;

        Update(EndpointSnapshot current) {
            this.current = current;
            this.metrics = current.metrics().toBuilder();
        }

        @Override
        public EndpointSnapshot current() {
            return current;
        }

        @Override
        public EndpointMetrics.Builder metrics() {
            return metrics;
        }

        @Override
        public <V> void attribute(DataKey<V> key, V value) {}
    }
}
