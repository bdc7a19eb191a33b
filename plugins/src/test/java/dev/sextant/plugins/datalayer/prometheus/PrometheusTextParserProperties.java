package dev.sextant.plugins.datalayer.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.plugins.datalayer.MetricsFixtures;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The parser on input nobody wrote on purpose: it never throws anything but its documented
 * exception, its output stays linear in its input, and what a correct writer escapes comes back.
 */
class PrometheusTextParserProperties {

    /**
     * Parses {@code bytes} and checks the result is consistent and bounded: each sample needs at
     * least {@code x 1} and a newline, each label at least {@code a="",}, so a result can never hold
     * more than the input could describe.
     */
    private static void parsesSafely(byte[] bytes) {
        ParsedMetrics m;
        try {
            m = PrometheusTextParser.parse(bytes);
        } catch (PrometheusParseException e) {
            assertThat(e.skippedLines()).isPositive();
            return;
        }
        long cost = 0;
        int samples = 0;
        for (MetricFamily family : m.families()) {
            for (Sample sample : family.samples()) {
                cost += 4 + 5L * sample.labels().size();
                samples++;
                assertThat(sample.toString()).isNotEmpty();
            }
        }
        assertThat(samples).isEqualTo(m.sampleCount());
        assertThat(cost).isLessThanOrEqualTo(bytes.length + 1L);
        long lines = 1;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        assertThat((long) m.skippedLines() + m.families().size()).isLessThanOrEqualTo(2 * lines);
        assertThat(m.skippedLines() == 0).isEqualTo(m.firstProblem().isEmpty());
    }

    @Property
    void arbitraryBytesNeverBreakIt(@ForAll @Size(max = 3000) byte[] bytes) {
        parsesSafely(bytes);
    }

    @Provide
    Arbitrary<byte[]> formatLikeBytes() {
        Arbitrary<byte[]> token = Arbitraries.of(
                "# HELP ", "# TYPE ", "#", " ", "\t", "\n", "\r\n", "x", "vllm:num", "_bucket", "_sum", "_count",
                "_created", "{", "}", "=", "\"", "\\", "\\\"", "\\n", "\\\\", ",", "le", "quantile", "engine", "0",
                "1", ".", "e", "-", "+", "9e999", "NaN", "+Inf", "-Inf", "0x1p3", "histogram", "summary", "gauge",
                "counter", "untyped", "__name__", "通", "1700074049000", "99999999999999999999")
                .map(s -> s.getBytes(UTF_8));
        Arbitrary<byte[]> rawByte = Arbitraries.bytes().map(b -> new byte[] {b});
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, token), net.jqwik.api.Tuple.of(1, rawByte))
                .list().ofMaxSize(300)
                .map(parts -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }

    @Property
    void formatLikeGarbageNeverBreaksIt(@ForAll("formatLikeBytes") byte[] bytes) {
        parsesSafely(bytes);
    }

    @Property(tries = 300)
    void damagedFixturesNeverBreakIt(
            @ForAll @IntRange(min = 0, max = 5) int fixture,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
            @ForAll @Size(min = 20, max = 20) byte[] replacements,
            @ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
        byte[] bytes = MetricsFixtures.all().get(fixture).bytes();
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] = replacements[i];
        }
        byte[] truncated = java.util.Arrays.copyOf(bytes, cut % (bytes.length + 1));
        parsesSafely(bytes);
        parsesSafely(truncated);
    }

    @Provide
    Arbitrary<String> labelValues() {
        // Any text that UTF-8 can carry: every code point but unpaired surrogates.
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of((int) '\\', (int) '"', (int) '\n', (int) ',', (int) '}')),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoint.list().ofMaxSize(40).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    @Property
    void escapedLabelValuesComeBackUnchanged(@ForAll("labelValues") String first, @ForAll("labelValues") String second) {
        Labels written = Labels.of("a", first, "model_name", second);
        String text = "x" + written + " 1\n";
        ParsedMetrics m = PrometheusTextParser.parse(text);
        assertThat(m.skippedLines()).as(text).isZero();
        Labels read = m.family("x").orElseThrow().sample(0).labels();
        assertThat(read.get("a")).contains(first);
        assertThat(read.get("model_name")).contains(second);
        assertThat(read).isEqualTo(written);
    }

    /** One generated sample: labels, value and optional timestamp. */
    record GeneratedSample(Map<String, String> labels, double value, long timestamp) {}

    /** One generated family: name, type and samples. */
    record GeneratedFamily(String name, MetricType type, List<GeneratedSample> samples) {}

    @Provide
    Arbitrary<List<GeneratedFamily>> expositions() {
        Arbitrary<String> labelName = Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1)
                .ofMaxLength(8).filter(n -> !n.startsWith("__"));
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelName, labelValues()).ofMaxSize(4)
                .map(LinkedHashMap::new);
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1e-300),
                Arbitraries.longs().map(l -> (double) l));
        Arbitrary<Long> timestamp = Arbitraries.oneOf(Arbitraries.just(Sample.NO_TIMESTAMP),
                Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE));
        Arbitrary<GeneratedSample> sample = Combinators.combine(labels, value, timestamp).as(GeneratedSample::new);
        Arbitrary<GeneratedFamily> family = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars(':', '_').ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(MetricType.COUNTER, MetricType.GAUGE, MetricType.UNTYPED),
                sample.list().ofMaxSize(5)).as(GeneratedFamily::new);
        return family.list().ofMaxSize(8).uniqueElements(GeneratedFamily::name);
    }

    @Property
    void wellFormedExpositionsComeBackExactly(@ForAll("expositions") List<GeneratedFamily> families) {
        StringBuilder text = new StringBuilder();
        for (GeneratedFamily f : families) {
            text.append("# HELP ").append(f.name()).append(" help of ").append(f.name()).append('\n');
            text.append("# TYPE ").append(f.name()).append(' ').append(f.type().keyword()).append('\n');
            for (GeneratedSample s : f.samples()) {
                List<String> pairs = new ArrayList<>();
                s.labels().forEach((k, v) -> {
                    pairs.add(k);
                    pairs.add(v);
                });
                text.append(new Sample(f.name(), Labels.of(pairs.toArray(String[]::new)), s.value(), s.timestamp()))
                        .append('\n');
            }
        }
        ParsedMetrics m = PrometheusTextParser.parse(text);
        assertThat(m.skippedLines()).as("%s", m.firstProblem()).isZero();
        assertThat(m.families()).extracting(MetricFamily::name)
                .containsExactlyElementsOf(families.stream().map(GeneratedFamily::name).toList());
        for (GeneratedFamily f : families) {
            MetricFamily parsed = m.family(f.name()).orElseThrow();
            assertThat(parsed.type()).isEqualTo(f.type());
            assertThat(parsed.help()).isEqualTo("help of " + f.name());
            assertThat(parsed.size()).isEqualTo(f.samples().size());
            for (int i = 0; i < f.samples().size(); i++) {
                GeneratedSample expected = f.samples().get(i);
                Sample actual = parsed.sample(i);
                assertThat(actual.labels().asMap()).isEqualTo(expected.labels());
                assertThat(Double.doubleToLongBits(actual.value())).isEqualTo(Double.doubleToLongBits(expected.value()));
                assertThat(actual.timestampMillis()).isEqualTo(expected.timestamp());
            }
        }
    }
}
