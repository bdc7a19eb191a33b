package dev.sextant.plugins.datalayer.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per quirk of the text format that real exporters show (see fixtures/metrics). */
class PrometheusTextParserTest {

    private static ParsedMetrics parse(String text) {
        return PrometheusTextParser.parse(text);
    }

    private static MetricFamily family(ParsedMetrics metrics, String name) {
        return metrics.family(name).orElseThrow(() -> new AssertionError("no family " + name));
    }

    @Test
    void readsHelpAndTypeWithTheirSamples() {
        ParsedMetrics m = parse("""
                # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="facebook/opt-125m"} 3.0
                """);
        MetricFamily f = family(m, "vllm:num_requests_waiting");
        assertThat(f.type()).isEqualTo(MetricType.GAUGE);
        assertThat(f.help()).isEqualTo("Number of requests waiting to be processed.");
        assertThat(f.samples()).containsExactly(new Sample("vllm:num_requests_waiting",
                Labels.of("model_name", "facebook/opt-125m"), 3.0, Sample.NO_TIMESTAMP));
        assertThat(m.skippedLines()).isZero();
        assertThat(m.firstProblem()).isEmpty();
    }

    @Test
    void unescapesHelpTextAndKeepsUnknownEscapesAsWritten() {
        ParsedMetrics m = parse("# HELP x a \\\\ b\\nc \\t d\n# TYPE x counter\nx 1\n");
        assertThat(family(m, "x").help()).isEqualTo("a \\ b\nc \\t d");
    }

    @Test
    void unescapesLabelValues() {
        ParsedMetrics m = parse("x{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",lines=\"a\\nb\"} 1\n");
        Labels labels = family(m, "x").sample(0).labels();
        assertThat(labels.get("path")).contains("C:\\dir");
        assertThat(labels.get("quote")).contains("say \"hi\"");
        assertThat(labels.get("lines")).contains("a\nb");
    }

    @Test
    void labelSetsAreTheSameSeriesInAnyOrder() {
        ParsedMetrics m = parse("""
                a{engine="0",le="1.0",model_name="m"} 1
                b{le="1.0",model_name="m",engine="0"} 1
                """);
        Labels first = family(m, "a").sample(0).labels();
        Labels second = family(m, "b").sample(0).labels();
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(second.name(0)).isEqualTo("le");
        assertThat(m.value(SeriesSelector.parse("b{model_name=m,engine=\"0\"}"))).hasValue(1.0);
    }

    @Test
    void readsSpecialAndUnusualValues() {
        ParsedMetrics m = parse("""
                a NaN
                b +Inf
                c -Inf
                d Inf
                e nan
                f 1e3
                g -0
                h 0x1.8p1
                i 9.75010481363281e-06
                j 1.7537953269352946e+09
                k .5
                l 7.
                m +12
                """);
        assertThat(m.value("a").getAsDouble()).isNaN();
        assertThat(m.value("b")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(m.value("c")).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(m.value("d")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(m.value("e").getAsDouble()).isNaN();
        assertThat(m.value("f")).hasValue(1000.0);
        assertThat(Double.doubleToRawLongBits(m.value("g").getAsDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(m.value("h")).hasValue(3.0);
        assertThat(m.value("i")).hasValue(9.75010481363281e-06);
        assertThat(m.value("j")).hasValue(1.7537953269352946e+09);
        assertThat(m.value("k")).hasValue(0.5);
        assertThat(m.value("l")).hasValue(7.0);
        assertThat(m.value("m")).hasValue(12.0);
        assertThat(m.skippedLines()).isZero();
    }

    @Test
    void readsOptionalTimestamps() {
        ParsedMetrics m = parse("""
                x{a="1"} 1 1700074049000
                x{a="2"} 2
                x{a="3"} 3 -5
                """);
        List<Sample> samples = family(m, "x").samples();
        assertThat(samples.get(0).timestamp()).hasValue(1700074049000L);
        assertThat(samples.get(1).timestamp()).isEmpty();
        assertThat(samples.get(2).timestamp()).hasValue(-5L);
        assertThat(m.latest(SeriesSelector.of("x")).orElseThrow().labels().get("a")).contains("1");
    }

    @Test
    void groupsHistogramLinesInAnyOrderAndKeepsAMissingInfBucketMissing() {
        ParsedMetrics m = parse("""
                # TYPE latency histogram
                latency_sum{model="m"} 0.5
                latency_bucket{le="0.1",model="m"} 1
                latency_bucket{model="m",le="1.0"} 2
                latency_count{model="m"} 2
                # TYPE tokens histogram
                tokens_bucket{le="10"} 4
                tokens_bucket{le="20"} 4
                """);
        MetricFamily latency = family(m, "latency");
        assertThat(latency.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(latency.samples()).extracting(Sample::name)
                .containsExactly("latency_sum", "latency_bucket", "latency_bucket", "latency_count");
        assertThat(m.family("latency_bucket")).isEmpty();
        assertThat(m.value(SeriesSelector.parse("latency_bucket{le=\"1.0\"}"))).hasValue(2.0);
        assertThat(m.value(SeriesSelector.of("latency_count"))).hasValue(2.0);
        assertThat(m.count(SeriesSelector.of("tokens_bucket"))).isEqualTo(2);
        assertThat(m.count(SeriesSelector.parse("tokens_bucket{le=\"+Inf\"}"))).isZero();
        assertThat(m.value("tokens_count")).isEmpty();
    }

    @Test
    void readsSummariesWithQuantiles() {
        ParsedMetrics m = parse("""
                # TYPE rpc summary
                rpc{quantile="0.5"} 0.2
                rpc{quantile="0.99"} 1.5
                rpc_sum 10
                rpc_count 20
                """);
        MetricFamily rpc = family(m, "rpc");
        assertThat(rpc.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(rpc.size()).isEqualTo(4);
        assertThat(m.value(SeriesSelector.parse("rpc{quantile=\"0.99\"}"))).hasValue(1.5);
        assertThat(m.value("rpc_count")).hasValue(20.0);
    }

    @Test
    void keepsCreatedSeriesAsFamiliesOfTheirOwn() {
        ParsedMetrics m = parse("""
                # HELP vllm:prefix_cache_queries_total Prefix cache queries.
                # TYPE vllm:prefix_cache_queries_total counter
                vllm:prefix_cache_queries_total{engine="0"} 32.0
                # HELP vllm:prefix_cache_queries_created Prefix cache queries.
                # TYPE vllm:prefix_cache_queries_created gauge
                vllm:prefix_cache_queries_created{engine="0"} 1.7537953269352946e+09
                """);
        assertThat(m.value("vllm:prefix_cache_queries_total")).hasValue(32.0);
        assertThat(m.value("vllm:prefix_cache_queries_created")).hasValue(1.7537953269352946e+09);
        assertThat(family(m, "vllm:prefix_cache_queries_total").size()).isEqualTo(1);
        assertThat(family(m, "vllm:prefix_cache_queries_created").type()).isEqualTo(MetricType.GAUGE);
    }

    @Test
    void ignoresCommentsAndBlankLinesWithoutCountingThem() {
        ParsedMetrics m = parse("""
                # Fixture captured from somewhere.
                #just a comment
                \t
                # HELP
                x 1

                # TYPE
                """);
        assertThat(m.value("x")).hasValue(1.0);
        assertThat(m.skippedLines()).isZero();
        assertThat(m.families()).hasSize(1);
    }

    @Test
    void acceptsAMissingFinalNewlineCrLfAndAByteOrderMark() {
        assertThat(parse("a 1\nb 2").value("b")).hasValue(2.0);
        assertThat(parse("a 1\r\nb 2\r\n").value("a")).hasValue(1.0);
        ParsedMetrics withBom = PrometheusTextParser.parse(("\uFEFFa 1\n").getBytes(UTF_8));
        assertThat(withBom.value("a")).hasValue(1.0);
        assertThat(withBom.skippedLines()).isZero();
    }

    @Test
    void acceptsAnOrphanTypeLine() {
        ParsedMetrics m = parse("# TYPE x_created gauge\nx_created{engine=\"0\"} 1.75e+09\n");
        assertThat(family(m, "x_created").type()).isEqualTo(MetricType.GAUGE);
        assertThat(family(m, "x_created").help()).isEmpty();
        assertThat(m.value("x_created")).hasValue(1.75e9);
    }

    @Test
    void aFamilyWithoutSamplesIsPresentButMissingNotZero() {
        ParsedMetrics m = parse("""
                # HELP vllm:num_requests_waiting Number of requests waiting.
                # TYPE vllm:num_requests_waiting gauge
                # HELP vllm:num_requests_running Number of requests running.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running 4
                """);
        MetricFamily waiting = family(m, "vllm:num_requests_waiting");
        assertThat(waiting.isEmpty()).isTrue();
        assertThat(m.value("vllm:num_requests_waiting")).isEmpty();
        assertThat(m.sum(SeriesSelector.of("vllm:num_requests_waiting"))).isEmpty();
        assertThat(m.value("vllm:num_requests_running")).hasValue(4.0);
    }

    @Test
    void toleratesBlanksWhereTheFormatAllowsThem() {
        ParsedMetrics m = parse("  x {  a = \"1\" ,\tb=\"2\", }  5 \t 17  \n");
        Sample s = family(m, "x").sample(0);
        assertThat(s.labels().asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(s.value()).isEqualTo(5.0);
        assertThat(s.timestampMillis()).isEqualTo(17L);
        assertThat(parse("y{} 1").family("y").orElseThrow().sample(0).labels().size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{a=\"1\"} 1",                    // no name
        "9x 1",                           // name starts with a digit
        "x",                              // no value
        "x{a=\"1\"}",                     // no value after labels
        "x one",                          // value not a number
        "x 1_000",                        // Go refuses digit separators here too
        "x +NaN",                         // Go refuses a signed NaN
        "x 1 2 3",                        // text after the timestamp
        "x 1 1.5",                        // timestamp not an integer
        "x 1 99999999999999999999",       // timestamp overflows
        "x{a=\"1\" 1",                    // label set not closed
        "x{a=1} 1",                       // unquoted value
        "x{a=\"1} 1",                     // value not closed
        "x{a=\"\\t\"} 1",                 // unknown escape
        "x{a=\"1\",a=\"2\"} 1",           // duplicate label
        "x{a=\"1\" b=\"2\"} 1",           // missing comma
        "x{,} 1",                         // empty label name
        "x{1a=\"1\"} 1",                  // label name starts with a digit
        "x{a-b=\"1\"} 1",                 // label name with a dash
        "x{__name__=\"y\"} 1",            // reserved label
        "x{a\"1\"} 1",                    // missing =
        "# TYPE 9x gauge",                // invalid name in TYPE
        "# TYPE x",                       // TYPE without a type
        "# TYPE x gaugex",                // unknown type
        "# TYPE x gauge extra",           // text after the type
        "# HELP x- bad name",             // invalid name in HELP
        "<html><body>503</body></html>",  // not the format at all
        "{\"error\": \"oops\"}",
    })
    void skipsAMalformedLineAndKeepsTheOthers(String line) {
        ParsedMetrics m = parse("before 1\n" + line + "\nafter 2\n");
        assertThat(m.skippedLines()).as(line).isEqualTo(1);
        assertThat(m.firstProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("line 2: "));
        assertThat(m.value("before")).hasValue(1.0);
        assertThat(m.value("after")).hasValue(2.0);
    }

    @Test
    void countsEverySkippedLineAndReportsTheFirst() {
        ParsedMetrics m = parse("ok 1\nbad{\nworse 1 2 3\nok2 2\n");
        assertThat(m.skippedLines()).isEqualTo(2);
        assertThat(m.firstProblem()).contains("line 2: label set not closed with }: \"bad{\"");
        assertThat(m.sampleCount()).isEqualTo(2);
    }

    @Test
    void refusesATextWithoutASingleValidLine() {
        assertThatThrownBy(() -> parse("<!DOCTYPE html>\n<html><body>Bad gateway</body></html>\n"))
                .isInstanceOf(PrometheusParseException.class)
                .hasMessage("not a Prometheus text exposition: none of its lines is valid (2 malformed, first line 1: "
                        + "expected a sample, a # comment or a blank line: \"<!DOCTYPE html>\")")
                .satisfies(e -> assertThat(((PrometheusParseException) e).skippedLines()).isEqualTo(2));
    }

    @Test
    void anEmptyTextOrOnlyCommentsIsAnEmptyExposition() {
        assertThat(parse("").families()).isEmpty();
        assertThat(parse("# just a comment\n\n").families()).isEmpty();
        assertThat(PrometheusTextParser.parse(new byte[0]).sampleCount()).isZero();
    }

    @Test
    void skipsLabelValuesThatAreNotUtf8ButKeepsRealUnicode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("good{model=\"通义千问\"} 1\nbad{model=\"".getBytes(UTF_8));
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes("\"} 2\nescaped{model=\"\\\"".getBytes(UTF_8));
        out.write(0xFF);
        out.writeBytes("\"} 3\n# HELP h bad help ".getBytes(UTF_8));
        out.write(0xC0);
        out.writeBytes("\nh 4\n".getBytes(UTF_8));
        ParsedMetrics m = PrometheusTextParser.parse(out.toByteArray());
        assertThat(m.family("good").orElseThrow().sample(0).labels().get("model")).contains("通义千问");
        assertThat(m.family("bad")).isEmpty();
        assertThat(m.family("escaped")).isEmpty();
        assertThat(m.value("h")).hasValue(4.0);
        assertThat(m.skippedLines()).isEqualTo(3);
        assertThat(m.firstProblem()).contains("line 2: label value is not valid UTF-8: \"bad{model=\"?(\"} 2\"");
    }

    @Test
    void skipsASecondTypeAndATypeAfterSamples() {
        ParsedMetrics m = parse("""
                # TYPE x gauge
                # TYPE x counter
                x 1
                y 2
                # TYPE y gauge
                # HELP x first
                # HELP x second
                """);
        assertThat(family(m, "x").type()).isEqualTo(MetricType.GAUGE);
        assertThat(family(m, "x").help()).isEqualTo("first");
        assertThat(family(m, "y").type()).isEqualTo(MetricType.UNTYPED);
        assertThat(m.skippedLines()).isEqualTo(3);
    }

    @Test
    void collectsSamplesOfAFamilyWrittenInSeveralRuns() {
        ParsedMetrics m = parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                x{a="1"} 1
                h_bucket{le="+Inf"} 2
                x{a="2"} 2
                h_count 2
                """);
        assertThat(family(m, "x").samples()).extracting(Sample::value).containsExactly(1.0, 2.0);
        assertThat(family(m, "h").samples()).extracting(Sample::name)
                .containsExactly("h_bucket", "h_bucket", "h_count");
        assertThat(m.families()).extracting(MetricFamily::name).containsExactly("h", "x");
    }

    @Test
    void keepsTheOrderOfManyInterleavedFamiliesAndLateTimestamps() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("a{i=\"").append(i).append("\"} ").append(i).append('\n');
            text.append("b{i=\"").append(i).append("\"} ").append(-i).append(i >= 30 ? " " + i : "").append('\n');
        }
        ParsedMetrics m = parse(text.toString());
        assertThat(family(m, "a").samples()).extracting(Sample::value)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj(i -> (double) i).toList());
        assertThat(family(m, "b").samples()).extracting(Sample::timestampMillis)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> i >= 30 ? (long) i : Sample.NO_TIMESTAMP).toList());
        assertThat(family(m, "a").samples()).allSatisfy(s -> assertThat(s.timestamp()).isEmpty());
        assertThat(m.latest(SeriesSelector.of("b")).orElseThrow().value()).isEqualTo(-39.0);
    }

    @Test
    void skipsHistogramAndSummaryLinesThatDoNotFitTheirFamily() {
        ParsedMetrics m = parse("""
                # TYPE h histogram
                h 1
                h_bucket 2
                h_bucket{le="high"} 3
                h_bucket{le="1"} 4
                # TYPE s summary
                s 5
                s{quantile="0.5"} 6
                s_bucket{le="1"} 7
                """);
        assertThat(family(m, "h").samples()).extracting(Sample::value).containsExactly(4.0);
        assertThat(family(m, "s").samples()).extracting(Sample::value).containsExactly(6.0);
        // A summary has no buckets: s_bucket is a family of its own, as Prometheus reads it.
        assertThat(m.value("s_bucket")).hasValue(7.0);
        assertThat(m.skippedLines()).isEqualTo(4);
    }

    @Test
    void aggregatesMatchingSeries() {
        ParsedMetrics m = parse("""
                vllm:num_requests_waiting{engine="0",model_name="m"} 3
                vllm:num_requests_waiting{engine="1",model_name="m"} 4
                vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.25
                vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.75
                """);
        assertThat(m.sum(SeriesSelector.of("vllm:num_requests_waiting"))).hasValue(7.0);
        assertThat(m.mean(SeriesSelector.of("vllm:kv_cache_usage_perc"))).hasValue(0.5);
        assertThat(m.sum(SeriesSelector.parse("vllm:num_requests_waiting{engine=\"1\"}"))).hasValue(4.0);
        assertThat(m.count(SeriesSelector.of("vllm:num_requests_waiting"))).isEqualTo(2);
        assertThat(m.value("vllm:num_requests_waiting")).hasValue(3.0);
        assertThat(m.series(SeriesSelector.parse("vllm:num_requests_waiting{engine=\"2\"}"))).isEmpty();
        assertThat(m.sum(SeriesSelector.of("absent"))).isEmpty();
        assertThat(m.mean(SeriesSelector.of("absent"))).isEmpty();
    }

    @Test
    void newestByValuePicksTheLargestValueIgnoringNaN() {
        ParsedMetrics m = parse("""
                info{running="a"} 1.7180001e+09
                info{running="b"} 1.7180003e+09
                info{running="c"} NaN
                info{running="d"} 1.7180002e+09
                """);
        assertThat(m.newestByValue(SeriesSelector.of("info")).orElseThrow().labels().get("running")).contains("b");
        assertThat(m.newestByValue(SeriesSelector.parse("info{running=c}"))).isEmpty();
    }

    @Test
    void printsSamplesAndLabelsInTheTextFormat() {
        Sample s = parse("x{b=\"q\\\"\\n\\\\\",a=\"1\"} +Inf 12\n").family("x").orElseThrow().sample(0);
        assertThat(s).hasToString("x{b=\"q\\\"\\n\\\\\",a=\"1\"} +Inf 12");
        assertThat(parse("y NaN").family("y").orElseThrow().sample(0)).hasToString("y NaN");
    }

    @Test
    void reusesNameAndLabelStringsAcrossParses() {
        String text = "vllm:num_requests_waiting{model_name=\"facebook/opt-125m\"} 1\n";
        Sample first = parse(text).family("vllm:num_requests_waiting").orElseThrow().sample(0);
        Sample second = parse(text).family("vllm:num_requests_waiting").orElseThrow().sample(0);
        assertThat(second.name()).isSameAs(first.name());
        assertThat(second.labels().value(0)).isSameAs(first.labels().value(0));
    }

    @Test
    void allocationStaysLinearInTheInputWhateverThePreviousPageLooked() {
        // Column sizes are guessed from the previous page; one with extreme proportions must not
        // make the next parse allocate more than its own size warrants.
        StringBuilder hostile = new StringBuilder();
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < 128; i++) {
            labels.append(i == 0 ? "" : ",").append("l").append(i).append("=\"\"");
        }
        labels.append('}');
        for (int i = 0; i < 50; i++) {
            hostile.append('x').append(labels).append(" 1\n");
        }
        parse(hostile.toString());
        byte[] normal = "a 1\n".repeat(5000).getBytes(UTF_8);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        PrometheusTextParser.parse(normal);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated to parse %s bytes", normal.length).isLessThan(40L * normal.length);
    }

    @Test
    void parsesASliceOfAnArray() {
        byte[] bytes = "garbagex 1\ny 2\ngarbage".getBytes(UTF_8);
        ParsedMetrics m = PrometheusTextParser.parse(bytes, 7, 8);
        assertThat(m.families()).extracting(MetricFamily::name).containsExactly("x", "y");
        assertThatThrownBy(() -> PrometheusTextParser.parse(bytes, 20, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
