package dev.sextant.simulator.server;

import dev.sextant.simulator.engine.EngineSnapshot;
import dev.sextant.simulator.engine.FinishReason;
import dev.sextant.simulator.engine.HistogramSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a replica's {@code /metrics} in the Prometheus text format 0.0.4 with vLLM V1's names,
 * labels and buckets: every series carries {@code engine="0"} and {@code model_name}, the older
 * {@code gpu_cache_usage_perc} and {@code gpu_prefix_cache_*} names sit beside the new ones.
 */
final class MetricsText {
    /** The content type of the text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(16_384);
    private final String labels;

    private MetricsText(String model) {
        this.labels = "engine=\"0\",model_name=\"" + escape(model) + "\"";
    }

    static String render(EngineSnapshot s, String model, double epochSeconds, double startEpochSeconds) {
        MetricsText m = new MetricsText(model);
        m.gauge("vllm:num_requests_running", "Number of requests in model execution batches.", s.running());
        m.gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", s.waiting());
        m.gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", s.kvCacheUsage());
        m.gauge("vllm:gpu_cache_usage_perc",
                "GPU KV-cache usage. 1 means 100 percent usage. DEPRECATED: Use vllm:kv_cache_usage_perc instead.",
                s.kvCacheUsage());
        m.loraInfo(s, epochSeconds);
        m.cacheConfig(s, startEpochSeconds);
        m.counter("vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.",
                s.prefixCacheQueries());
        m.counter("vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.",
                s.prefixCacheHits());
        m.counter("vllm:gpu_prefix_cache_queries",
                "GPU prefix cache queries, in terms of number of queried tokens. DEPRECATED: Use vllm:prefix_cache_queries instead.",
                s.prefixCacheQueries());
        m.counter("vllm:gpu_prefix_cache_hits",
                "GPU prefix cache hits, in terms of number of cached tokens. DEPRECATED: Use vllm:prefix_cache_hits instead.",
                s.prefixCacheHits());
        m.counter("vllm:num_preemptions", "Cumulative number of preemption from the engine.", s.preemptions());
        m.counter("vllm:prompt_tokens", "Number of prefill tokens processed.", s.promptTokens());
        m.counter("vllm:generation_tokens", "Number of generation tokens processed.", s.generationTokens());
        m.success(s.finished());
        m.histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", s.ttft());
        m.histogram("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.",
                s.interTokenLatency());
        m.histogram("vllm:time_per_output_token_seconds",
                "Histogram of time per output token in seconds. DEPRECATED: Use vllm:inter_token_latency_seconds instead.",
                s.interTokenLatency());
        m.histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                s.e2eLatency());
        m.histogram("vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.",
                s.queueTime());
        m.histogram("vllm:request_inference_time_seconds", "Histogram of time spent in RUNNING phase for request.",
                s.inferenceTime());
        m.histogram("vllm:request_prefill_time_seconds", "Histogram of time spent in PREFILL phase for request.",
                s.prefillTime());
        m.histogram("vllm:request_decode_time_seconds", "Histogram of time spent in DECODE phase for request.",
                s.decodeTime());
        m.histogram("vllm:request_prompt_tokens", "Number of prefill tokens processed.", s.promptTokensPerRequest());
        m.histogram("vllm:request_generation_tokens", "Number of generation tokens processed.",
                s.generationTokensPerRequest());
        return m.out.toString();
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void gauge(String name, String help, double value) {
        header(name, help, "gauge");
        sample(name, labels, value);
    }

    private void counter(String name, String help, long value) {
        header(name + "_total", help, "counter");
        sample(name + "_total", labels, value);
    }

    private void success(Map<FinishReason, Long> finished) {
        header("vllm:request_success_total", "Count of successfully processed requests.", "counter");
        for (FinishReason r : FinishReason.values()) {
            if (r != FinishReason.ABORT) {
                sample("vllm:request_success_total", labels + ",finished_reason=\"" + r.label() + "\"",
                        finished.getOrDefault(r, 0L));
            }
        }
    }

    private void loraInfo(EngineSnapshot s, double epochSeconds) {
        header("vllm:lora_requests_info", "Running stats on lora requests.", "gauge");
        sample("vllm:lora_requests_info", labels + ",max_lora=\"" + s.maxLoras() + "\",running_lora_adapters=\""
                + join(s.runningAdapters()) + "\",waiting_lora_adapters=\"" + join(s.waitingAdapters()) + "\"",
                epochSeconds);
    }

    private void cacheConfig(EngineSnapshot s, double startEpochSeconds) {
        header("vllm:cache_config_info", "Information of the LLMEngine CacheConfig", "gauge");
        sample("vllm:cache_config_info", "block_size=\"" + s.blockSize()
                + "\",cache_dtype=\"auto\",enable_prefix_caching=\"True\",engine=\"0\",gpu_memory_utilization=\"0.9\""
                + ",num_cpu_blocks=\"0\",num_gpu_blocks=\"" + s.kvBlocksTotal() + "\",prefix_caching_hash_algo=\"sextant-fnv64\"",
                1.0);
        header("vllm:engine_start_time_seconds", "Unix time at which the engine started.", "gauge");
        sample("vllm:engine_start_time_seconds", labels, startEpochSeconds);
    }

    private void histogram(String name, String help, HistogramSnapshot h) {
        header(name, help, "histogram");
        double[] bounds = h.upperBounds();
        long[] counts = h.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            sample(name + "_bucket", labels + ",le=\"" + number(bounds[i]) + "\"", counts[i]);
        }
        sample(name + "_bucket", labels + ",le=\"+Inf\"", h.count());
        sample(name + "_count", labels, h.count());
        sample(name + "_sum", labels, h.sum());
    }

    private void sample(String name, String labelText, double value) {
        out.append(name).append('{').append(labelText).append("} ").append(number(value)).append('\n');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (long) v + ".0";
        }
        return Double.toString(v);
    }

    private static String join(Set<String> adapters) {
        return escape(String.join(",", new TreeSet<>(adapters)));
    }

    /** Label values escape backslash, double quote and line feed (text format 0.0.4). */
    static String escape(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '"' -> "\\\"";
                case '\n' -> "\\n";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? value : sb.toString();
    }
}
