package dev.sextant.plugins.datalayer.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.plugins.datalayer.MetricsFixtures;
import dev.sextant.plugins.datalayer.MetricsFixtures.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real capture parses completely, and the values a reader sees in each file come out. */
class FixtureParseTest {

    static List<Fixture> fixtures() {
        return MetricsFixtures.all();
    }

    private static ParsedMetrics parse(Fixture fixture) {
        return PrometheusTextParser.parse(fixture.bytes());
    }

    private static SeriesSelector selector(String text) {
        return SeriesSelector.parse(text);
    }

    @Test
    void everyFixtureFileHasExpectations() {
        assertThat(MetricsFixtures.filesPresent())
                .containsExactlyInAnyOrderElementsOf(fixtures().stream().map(Fixture::file).toList());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parsesEveryLineOfEveryFixture(Fixture fixture) {
        ParsedMetrics m = parse(fixture);
        assertThat(m.skippedLines()).as("%s", m.firstProblem()).isZero();
        assertThat(m.families()).hasSize(fixture.families());
        assertThat(m.sampleCount()).isEqualTo(fixture.samples());
        assertThat(m.families()).allSatisfy(f -> assertThat(f.type()).isNotEqualTo(MetricType.UNTYPED));
        assertThat(m.families().stream().mapToInt(MetricFamily::size).sum()).isEqualTo(fixture.samples());
    }

    @Test
    void vllmV0() {
        ParsedMetrics m = parse(MetricsFixtures.VLLM_V0);
        Sample cache = m.latest(SeriesSelector.of("vllm:cache_config_info")).orElseThrow();
        assertThat(cache.labels().get("block_size")).contains("16");
        assertThat(cache.labels().get("num_gpu_blocks")).contains("7281");
        assertThat(cache.labels().get("num_gpu_blocks_override")).contains("None");
        assertThat(cache.labels().size()).isEqualTo(10);
        MetricFamily ttft = m.family("vllm:time_to_first_token_seconds").orElseThrow();
        assertThat(ttft.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(ttft.size()).isEqualTo(17 + 2);
        assertThat(m.value(selector("vllm:time_to_first_token_seconds_bucket{le=\"+Inf\"}"))).hasValue(1.0);
        assertThat(m.value(selector("vllm:time_to_first_token_seconds_bucket{le=\"0.25\"}"))).hasValue(0.0);
        assertThat(m.value("vllm:time_to_first_token_seconds_sum")).hasValue(0.31326723098754883);
        assertThat(m.value("process_cpu_seconds_total")).hasValue(10.950000000000001);
        assertThat(m.value("process_max_fds")).hasValue(1048576.0);
        assertThat(m.value("vllm:gpu_cache_usage_perc")).hasValue(0.0);
        assertThat(m.value("vllm:kv_cache_usage_perc")).isEmpty();
        assertThat(m.value(selector("python_gc_collections_total{generation=\"1\"}"))).hasValue(104.0);
        // The file ends without a newline after this sample.
        assertThat(m.value("vllm:avg_generation_throughput_toks_per_s")).hasValue(0.0);
        assertThat(m.family("vllm:avg_generation_throughput_toks_per_s").orElseThrow().help())
                .isEqualTo("Average generation throughput in tokens/s.");
    }

    @Test
    void vllmComposite() {
        ParsedMetrics m = parse(MetricsFixtures.VLLM_COMPOSITE);
        assertThat(m.value("vllm:kv_cache_usage_perc")).hasValue(0.0);
        assertThat(m.value("vllm:gpu_cache_usage_perc")).hasValue(0.0);
        assertThat(m.sum(SeriesSelector.of("vllm:prompt_tokens_by_source_total"))).hasValue(117.0);
        assertThat(m.value(selector("vllm:engine_sleep_state{sleep_state=awake}"))).hasValue(1.0);
        // Histograms appended by hand, with short bucket lists; one of them is named like a counter.
        MetricFamily itl = m.family("vllm:inter_token_latency_seconds").orElseThrow();
        assertThat(itl.samples()).extracting(Sample::name).containsExactly(
                "vllm:inter_token_latency_seconds_bucket", "vllm:inter_token_latency_seconds_bucket",
                "vllm:inter_token_latency_seconds_bucket", "vllm:inter_token_latency_seconds_count",
                "vllm:inter_token_latency_seconds_sum");
        assertThat(m.family("vllm:iteration_tokens_total").orElseThrow().type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(m.value(selector("vllm:iteration_tokens_total_bucket{le=\"+Inf\"}"))).hasValue(71.0);
        assertThat(m.value("vllm:iteration_tokens_total_sum")).hasValue(267.0);
        assertThat(m.value("vllm:request_queue_time_seconds_sum")).hasValue(7.358146831393242e-05);
        assertThat(m.families().stream().filter(f -> f.type() == MetricType.HISTOGRAM).count()).isEqualTo(17);
        // Last line, no final newline.
        assertThat(m.value("vllm:request_prefill_kv_computed_tokens_sum")).hasValue(53.0);
    }

    @Test
    void vllmV1ExcerptA() {
        ParsedMetrics m = parse(MetricsFixtures.VLLM_V1_A);
        assertThat(m.value(selector("vllm:kv_cache_usage_perc{engine=\"0\",model_name=\"zai-org/GLM-4.5\"}")))
                .hasValue(9.75010481363281e-06);
        assertThat(m.value("vllm:prefix_cache_queries_total")).hasValue(32.0);
        MetricFamily created = m.family("vllm:gpu_prefix_cache_queries_created").orElseThrow();
        assertThat(created.type()).isEqualTo(MetricType.GAUGE);
        assertThat(created.help()).contains("queriedtokens");
        assertThat(m.value("vllm:gpu_prefix_cache_hits_created")).hasValue(1.7537953269353123e+09);
        assertThat(m.family("vllm:prefix_cache_queries_created")).isEmpty();
    }

    @Test
    void vllmV1ExcerptB() {
        ParsedMetrics m = parse(MetricsFixtures.VLLM_V1_B);
        MetricFamily orphan = m.family("vllm:request_prompt_tokens_created").orElseThrow();
        assertThat(orphan.type()).isEqualTo(MetricType.GAUGE);
        assertThat(orphan.help()).isEmpty();
        assertThat(m.value("vllm:request_prompt_tokens_created")).hasValue(1.7537953269354987e+09);
        MetricFamily generation = m.family("vllm:request_generation_tokens").orElseThrow();
        assertThat(generation.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(generation.size()).isEqualTo(11);
        assertThat(generation.sample(0).labels().name(1)).isEqualTo("le");
        assertThat(m.count(selector("vllm:request_generation_tokens_bucket{le=\"+Inf\"}"))).isZero();
        assertThat(m.value("vllm:request_generation_tokens_count")).isEmpty();
        assertThat(m.value(selector("vllm:request_generation_tokens_bucket{le=\"500.0\",engine=\"0\"}"))).hasValue(4.0);
    }

    @Test
    void sglang() {
        ParsedMetrics m = parse(MetricsFixtures.SGLANG);
        assertThat(m.value("sglang:token_usage")).hasValue(0.25);
        assertThat(m.value("sglang:num_used_tokens")).hasValue(37.0);
        assertThat(m.value("sglang:max_total_num_tokens")).hasValue(430839.0);
        assertThat(m.value("sglang:gen_throughput")).hasValue(425.5);
        assertThat(m.value(selector("sglang:http_requests_active{endpoint=\"/generate\",method=POST}"))).hasValue(0.0);
        assertThat(m.value(selector("sglang:num_queue_reqs{tp_rank=\"0\"}"))).hasValue(0.0);
        assertThat(m.value(selector("sglang:time_to_first_token_seconds_bucket{le=\"+Inf\"}"))).hasValue(1.0);
        assertThat(m.families().getFirst().name()).isEqualTo("sglang:http_requests_active");
    }

    @Test
    void tritonTrtLlm() {
        ParsedMetrics m = parse(MetricsFixtures.TRITON);
        assertThat(m.value(selector("nv_trt_llm_request_metrics{request_type=waiting}"))).hasValue(1.0);
        assertThat(m.value(selector("nv_trt_llm_request_metrics{request_type=max}"))).hasValue(512.0);
        assertThat(m.value(selector("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=fraction}"))).hasValue(0.4875);
        assertThat(m.value(selector("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=max}"))).hasValue(6239.0);
        assertThat(m.value(selector("nv_trt_llm_general_metrics{general_type=timestamp}"))).hasValue(1700074049.0);
        assertThat(m.family("nv_trt_llm_disaggregated_serving_metrics").orElseThrow().type())
                .isEqualTo(MetricType.COUNTER);
        assertThat(m.count(SeriesSelector.of("nv_trt_llm_kv_cache_block_metrics"))).isEqualTo(5);
    }
}
