package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.plugins.datalayer.prometheus.SeriesSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where one model-server engine publishes the metrics Sextant reads: GIE's {@code engineConfigs}
 * entry. Each spec is a list of {@link SeriesSelector}s tried in order, the first one with samples
 * winning (so a renamed metric can keep its old name as a fallback); an empty list turns the metric
 * off.
 *
 * <p>How matching series are combined: queued and running requests are summed (vLLM V1 writes one
 * series per data-parallel engine, {@code engine="N"}); KV-cache usage is averaged; LoRA info is
 * the series with the largest value, which vLLM sets to the series' creation time; the cache-info
 * block size is read from the first series and the block counts are summed; a block-size gauge is
 * read from its first series and block-count gauges are summed.
 *
 * @param name the engine type, as the endpoint's engine label names it
 * @param queuedRequests waiting requests
 * @param runningRequests running requests
 * @param kvUsage KV-cache usage as a fraction, 0..1
 * @param lora vLLM-style LoRA info gauge (labels {@code running_lora_adapters},
 *     {@code waiting_lora_adapters}, {@code max_lora})
 * @param cacheInfo info gauge whose labels carry the cache geometry
 * @param cacheBlockSizeLabel the label of {@code cacheInfo} holding tokens per block
 * @param cacheNumBlocksLabel the label of {@code cacheInfo} holding the number of blocks
 * @param cacheBlockSize gauge whose value is tokens per block (engines without an info gauge)
 * @param cacheNumBlocks gauge whose value is the number of blocks
 */
public record EngineMetricSpecs(
        String name,
        List<SeriesSelector> queuedRequests,
        List<SeriesSelector> runningRequests,
        List<SeriesSelector> kvUsage,
        List<SeriesSelector> lora,
        List<SeriesSelector> cacheInfo,
        String cacheBlockSizeLabel,
        String cacheNumBlocksLabel,
        List<SeriesSelector> cacheBlockSize,
        List<SeriesSelector> cacheNumBlocks) {

    public static final String DEFAULT_BLOCK_SIZE_LABEL = "block_size";
    public static final String DEFAULT_NUM_BLOCKS_LABEL = "num_gpu_blocks";

    /** vLLM, V0 and V1 (REFERENCE §3; the KV usage falls back to the pre-V1 name). */
    public static final EngineMetricSpecs VLLM = new EngineMetricSpecs("vllm",
            specs("vllm:num_requests_waiting"),
            specs("vllm:num_requests_running"),
            specs("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"),
            specs("vllm:lora_requests_info"),
            specs("vllm:cache_config_info"),
            DEFAULT_BLOCK_SIZE_LABEL, DEFAULT_NUM_BLOCKS_LABEL, List.of(), List.of());

    /** SGLang (REFERENCE §3; the cache geometry as GIE v1.5 reads it). */
    public static final EngineMetricSpecs SGLANG = new EngineMetricSpecs("sglang",
            specs("sglang:num_queue_reqs"),
            specs("sglang:num_running_reqs"),
            specs("sglang:token_usage"),
            List.of(),
            specs("sglang:cache_config_info"),
            "page_size", "num_pages", List.of(), List.of());

    /** Triton's TensorRT-LLM backend (REFERENCE §3), under GIE v1.5's name for it. */
    public static final EngineMetricSpecs TRITON_TENSORRT_LLM = new EngineMetricSpecs("triton-tensorrt-llm",
            specs("nv_trt_llm_request_metrics{request_type=\"waiting\"}"),
            specs("nv_trt_llm_request_metrics{request_type=\"scheduled\"}"),
            specs("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"fraction\"}"),
            List.of(), List.of(), DEFAULT_BLOCK_SIZE_LABEL, DEFAULT_NUM_BLOCKS_LABEL,
            specs("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"tokens_per\"}"),
            specs("nv_trt_llm_kv_cache_block_metrics{kv_cache_block_type=\"max\"}"));

    /** TensorRT-LLM's own server, {@code trtllm-serve}, under GIE v1.5's name for it. */
    public static final EngineMetricSpecs TRTLLM_SERVE = new EngineMetricSpecs("trtllm-serve",
            specs("trtllm_num_requests_waiting"),
            specs("trtllm_num_requests_running"),
            specs("trtllm_kv_cache_utilization"),
            List.of(), List.of(), DEFAULT_BLOCK_SIZE_LABEL, DEFAULT_NUM_BLOCKS_LABEL,
            specs("trtllm_kv_cache_tokens_per_block"),
            specs("trtllm_kv_cache_max_blocks"));

    /**
     * {@code trtllm}, the engine label REFERENCE §3 and Sextant use: the Triton backend's metrics,
     * falling back to {@code trtllm-serve}'s, so either exporter works under one label.
     */
    public static final EngineMetricSpecs TRTLLM = new EngineMetricSpecs("trtllm",
            concat(TRITON_TENSORRT_LLM.queuedRequests, TRTLLM_SERVE.queuedRequests),
            concat(TRITON_TENSORRT_LLM.runningRequests, TRTLLM_SERVE.runningRequests),
            concat(TRITON_TENSORRT_LLM.kvUsage, TRTLLM_SERVE.kvUsage),
            List.of(), List.of(), DEFAULT_BLOCK_SIZE_LABEL, DEFAULT_NUM_BLOCKS_LABEL,
            concat(TRITON_TENSORRT_LLM.cacheBlockSize, TRTLLM_SERVE.cacheBlockSize),
            concat(TRITON_TENSORRT_LLM.cacheNumBlocks, TRTLLM_SERVE.cacheNumBlocks));

    /** The engines known without configuration: vllm, sglang, trtllm, triton-tensorrt-llm, trtllm-serve. */
    public static List<EngineMetricSpecs> builtins() {
        return List.of(VLLM, SGLANG, TRTLLM, TRITON_TENSORRT_LLM, TRTLLM_SERVE);
    }

    public EngineMetricSpecs {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: an engine type such as vllm)");
        }
        queuedRequests = List.copyOf(queuedRequests);
        runningRequests = List.copyOf(runningRequests);
        kvUsage = List.copyOf(kvUsage);
        lora = List.copyOf(lora);
        cacheInfo = List.copyOf(cacheInfo);
        Objects.requireNonNull(cacheBlockSizeLabel, "cacheBlockSizeLabel");
        Objects.requireNonNull(cacheNumBlocksLabel, "cacheNumBlocksLabel");
        cacheBlockSize = List.copyOf(cacheBlockSize);
        cacheNumBlocks = List.copyOf(cacheNumBlocks);
    }

    /** Whether any cache-geometry source is configured. */
    public boolean readsCacheGeometry() {
        return !cacheInfo.isEmpty() || !cacheBlockSize.isEmpty() || !cacheNumBlocks.isEmpty();
    }

    private static List<SeriesSelector> specs(String... selectors) {
        return Arrays.stream(selectors).map(SeriesSelector::parse).toList();
    }

    private static List<SeriesSelector> concat(List<SeriesSelector> first, List<SeriesSelector> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
