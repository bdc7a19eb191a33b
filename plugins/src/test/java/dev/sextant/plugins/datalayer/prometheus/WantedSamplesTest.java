package dev.sextant.plugins.datalayer.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing with {@link SampleNames}: only the wanted samples are kept, garbage is still garbage. */
class WantedSamplesTest {
    private static final SampleNames QUEUE = SampleNames.of(Set.of("vllm:num_requests_waiting"));

    private static ParsedMetrics parse(String text, SampleNames wanted) {
        byte[] bytes = text.getBytes(UTF_8);
        return PrometheusTextParser.parse(bytes, 0, bytes.length, wanted);
    }

    @Test
    void keepsOnlyTheWantedSamplesWithTheirLabelsAndValues() {
        ParsedMetrics m = parse("""
                # HELP vllm:num_requests_waiting Requests waiting.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{engine="0",model_name="m"} 3
                vllm:num_requests_waiting{engine="1",model_name="m"} 4 1700000000000
                # TYPE vllm:e2e_request_latency_seconds histogram
                vllm:e2e_request_latency_seconds_bucket{le="0.5",model_name="m"} 1
                vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="m"} 2
                vllm:e2e_request_latency_seconds_sum{model_name="m"} 0.7
                vllm:e2e_request_latency_seconds_count{model_name="m"} 2
                """, QUEUE);
        assertThat(m.sampleCount()).isEqualTo(2);
        assertThat(m.sum(SeriesSelector.of("vllm:num_requests_waiting"))).hasValue(7);
        assertThat(m.series(SeriesSelector.of("vllm:num_requests_waiting", Map.of("engine", "1"))))
                .singleElement().satisfies(s -> assertThat(s.timestampMillis()).isEqualTo(1_700_000_000_000L));
        assertThat(m.series(SeriesSelector.of("vllm:e2e_request_latency_seconds_count"))).isEmpty();
        assertThat(m.skippedLines()).isZero();
    }

    @Test
    void skippedLabelSetsMayHoldBracesQuotesAndEscapes() {
        ParsedMetrics m = parse("""
                other{path="/a}b",quote="say \\"}\\" now",slash="\\\\"} 1
                vllm:num_requests_waiting{model_name="m"} 5
                """, QUEUE);
        assertThat(m.sum(SeriesSelector.of("vllm:num_requests_waiting"))).hasValue(5);
        assertThat(m.skippedLines()).isZero();
    }

    @Test
    void unwantedSamplesWithoutANumericValueAreStillMalformed() {
        ParsedMetrics m = parse("""
                other{a="b"} not-a-number
                other{a="b" 1
                other
                vllm:num_requests_waiting 2
                """, QUEUE);
        assertThat(m.skippedLines()).isEqualTo(3);
        assertThat(m.sum(SeriesSelector.of("vllm:num_requests_waiting"))).hasValue(2);
    }

    @Test
    void aPageOfGarbageIsRefusedAsWithoutAFilter() {
        for (String garbage : List.of("<!DOCTYPE html>\n<html><body>hi</body></html>\n", "{\"a\": 1}\n",
                "hello world\nthis is text\n")) {
            assertThatThrownBy(() -> parse(garbage, QUEUE)).as(garbage).isInstanceOf(PrometheusParseException.class);
            assertThatThrownBy(() -> PrometheusTextParser.parse(garbage)).as(garbage)
                    .isInstanceOf(PrometheusParseException.class);
        }
    }

    @Test
    void aValidPageWithNoWantedSampleIsEmptyNotAnError() {
        ParsedMetrics m = parse("""
                # TYPE sglang:num_queue_reqs gauge
                sglang:num_queue_reqs{model_name="m"} 1
                """, QUEUE);
        assertThat(m.sampleCount()).isZero();
        assertThat(m.skippedLines()).isZero();
    }

    @Test
    void namesAreLookedUpExactly() {
        SampleNames names = SampleNames.of(List.of("a", "ab", "vllm:x"));
        byte[] text = "abc ab a vllm:x vllm:".getBytes(UTF_8);
        assertThat(names.contains(text, 0, 3, StringCache.hash(text, 0, 3))).isFalse();
        assertThat(names.contains(text, 4, 6, StringCache.hash(text, 4, 6))).isTrue();
        assertThat(names.contains(text, 7, 8, StringCache.hash(text, 7, 8))).isTrue();
        assertThat(names.contains(text, 9, 15, StringCache.hash(text, 9, 15))).isTrue();
        assertThat(names.contains(text, 16, 21, StringCache.hash(text, 16, 21))).isFalse();
        assertThat(SampleNames.of(List.of()).contains(text, 0, 1, StringCache.hash(text, 0, 1))).isFalse();
    }
}
