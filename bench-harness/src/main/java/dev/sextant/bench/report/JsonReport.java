package dev.sextant.bench.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.bench.metrics.RunResult;
import dev.sextant.bench.metrics.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * {@code report.json}: the run's setup and, per configuration, every figure of the whole run at top level
 * ({@code name}, {@code output_tokens_per_s}, {@code ttft_p90_s}, {@code cache_hit_rate}, ...) and the same
 * figures per stage under {@code stages}. Rates per second, times in seconds.
 */
public final class JsonReport {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonReport() {}

    /** Writes {@code report} to {@code out} (not closed). */
    public static void write(BenchReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("mode", report.mode());
            g.writeStringField("title", report.title());
            g.writeStringField("generated_at", Instant.ofEpochMilli(report.generatedAtEpochMillis()).toString());
            g.writeObjectFieldStart("setup");
            for (Map.Entry<String, String> e : report.setup().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("configurations");
            for (RunResult r : report.results()) {
                writeResult(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeResult(JsonGenerator g, RunResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        writeFields(g, r.overall());
        g.writeArrayFieldStart("replica_requests");
        for (long n : r.replicaRequests()) {
            g.writeNumber(n);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("failures");
        for (Map.Entry<String, Long> e : r.failures().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("cost");
        for (Map.Entry<String, Double> e : r.cost().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("stages");
        for (Summary s : r.stages()) {
            g.writeStartObject();
            g.writeStringField("stage", s.label());
            writeFields(g, s);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeFields(JsonGenerator g, Summary s) throws IOException {
        for (Map.Entry<String, Number> e : Fields.of(s).entrySet()) {
            Number v = e.getValue();
            if (v instanceof Double d) {
                g.writeNumberField(e.getKey(), d);
            } else {
                g.writeNumberField(e.getKey(), v.longValue());
            }
        }
    }
}
