package dev.sextant.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.simulator.engine.EngineConfig;
import dev.sextant.simulator.engine.EngineListener;
import dev.sextant.simulator.engine.EngineProfile;
import dev.sextant.simulator.engine.EngineRequest;
import dev.sextant.simulator.engine.KvEventSink;
import dev.sextant.simulator.engine.ReplicaEngine;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The /metrics text checked line by line against the text format 0.0.4 and vLLM V1's series. */
class MetricsTextTest {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME.pattern() + ")\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Parses and validates; returns series (name + sorted labels) → value. */
    static Map<String, Double> parseStrictly(String text) {
        assertThat(text).endsWith("\n");
        Map<String, String> types = new HashMap<>();
        Map<String, Double> series = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                assertThat(NAME.matcher(name).matches()).as(line).isTrue();
                assertThat(helped.add(name)).as("one HELP per family: " + name).isTrue();
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as(line).hasSize(2);
                assertThat(parts[1]).isIn("counter", "gauge", "histogram");
                assertThat(types.put(parts[0], parts[1])).as("one TYPE per family: " + parts[0]).isNull();
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as("sample line: " + line).isTrue();
                String name = m.group(1);
                String family = types.containsKey(name) ? name : name.replaceAll("_(bucket|count|sum)$", "");
                assertThat(types).as("TYPE before " + name).containsKey(family);
                double value = Double.parseDouble(m.group(3).replace("+Inf", "Infinity"));
                Map<String, String> labels = new TreeMap<>();
                Matcher lm = LABEL.matcher(m.group(2));
                while (lm.find()) {
                    assertThat(labels.put(lm.group(1), lm.group(2))).as("duplicate label in " + line).isNull();
                }
                assertThat(series.put(name + labels, value)).as("duplicate series " + line).isNull();
            }
        }
        return series;
    }

    @Test
    void theTextIsValidAndCarriesVllmsSeries() {
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(EngineProfile.LLAMA_8B_H100).withMaxLoras(2),
                EngineListener.NONE, KvEventSink.NONE);
        int[] prompt = IntStream.range(0, 100).toArray();
        engine.submit(EngineRequest.of("a", prompt, 10), 0);
        engine.runUntilIdle();
        engine.submit(EngineRequest.of("b", prompt, 5).withLora("sql\"adapter"), engine.now());
        engine.submit(EngineRequest.of("c", prompt, 5).withLora("chat"), engine.now());
        engine.advanceTo(engine.now() + 1);

        String text = MetricsText.render(engine.snapshot(), "meta-llama/Llama-3.1-8B", 1.7e9, 1.6e9);
        Map<String, Double> series = parseStrictly(text);
        String labels = "{engine=0, model_name=meta-llama/Llama-3.1-8B}";
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("vllm:num_requests_running" + labels, 2.0);
        expected.put("vllm:num_requests_waiting" + labels, 0.0);
        // b and c run under adapters, so their prompts share no blocks with a's: 3 x 100 computed.
        expected.put("vllm:prompt_tokens_total" + labels, 300.0);
        expected.put("vllm:generation_tokens_total" + labels, 10.0);
        expected.put("vllm:prefix_cache_queries_total" + labels, 300.0);
        expected.put("vllm:prefix_cache_hits_total" + labels, 0.0);
        expected.put("vllm:time_to_first_token_seconds_count" + labels, 1.0);
        expected.put("vllm:inter_token_latency_seconds_count" + labels, 9.0);
        expected.put("vllm:e2e_request_latency_seconds_count" + labels, 1.0);
        expected.put("vllm:request_queue_time_seconds_count" + labels, 3.0);
        expected.put("vllm:request_success_total{engine=0, finished_reason=length, model_name=meta-llama/Llama-3.1-8B}",
                1.0);
        expected.put("vllm:lora_requests_info{engine=0, max_lora=2, model_name=meta-llama/Llama-3.1-8B,"
                + " running_lora_adapters=chat,sql\\\"adapter, waiting_lora_adapters=}", 1.7e9);
        expected.put("vllm:cache_config_info{block_size=16, cache_dtype=auto, enable_prefix_caching=True,"
                + " engine=0, gpu_memory_utilization=0.9, num_cpu_blocks=0, num_gpu_blocks=27000,"
                + " prefix_caching_hash_algo=sextant-fnv64}", 1.0);
        expected.forEach((key, value) -> assertThat(series.get(key)).as(key).isEqualTo(value));
        double usage = series.get("vllm:kv_cache_usage_perc" + labels);
        assertThat(usage).isGreaterThan(0).isEqualTo(series.get("vllm:gpu_cache_usage_perc" + labels));
        assertThat(text).contains("vllm:time_to_first_token_seconds_bucket{engine=\"0\",model_name="
                + "\"meta-llama/Llama-3.1-8B\",le=\"+Inf\"} 1.0\n");
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithTheCount() {
        ReplicaEngine engine = new ReplicaEngine(EngineConfig.of(EngineProfile.LLAMA_8B_A100), EngineListener.NONE,
                KvEventSink.NONE);
        for (int i = 0; i < 30; i++) {
            engine.submit(EngineRequest.of("r" + i, IntStream.range(i, i + 50 * i + 1).toArray(), 1 + i), i * 1000L);
        }
        engine.runUntilIdle();
        Map<String, Double> series = parseStrictly(MetricsText.render(engine.snapshot(), "m", 0, 0));
        for (String histogram : new String[] {"vllm:time_to_first_token_seconds", "vllm:e2e_request_latency_seconds",
            "vllm:inter_token_latency_seconds", "vllm:request_prompt_tokens"}) {
            double previous = 0;
            double inf = Double.NaN;
            for (Map.Entry<String, Double> e : series.entrySet()) {
                if (e.getKey().startsWith(histogram + "_bucket{")) {
                    assertThat(e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(previous);
                    previous = e.getValue();
                    if (e.getKey().contains("le=+Inf")) {
                        inf = e.getValue();
                    }
                }
            }
            assertThat(inf).isEqualTo(series.get(histogram + "_count{engine=0, model_name=m}"));
        }
    }
}
