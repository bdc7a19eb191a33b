package dev.sextant.bench.report;

import dev.sextant.bench.metrics.Summary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The numbers of a {@link Summary} under the names every report uses ({@code ttft_p90_s}, ...), in order. */
final class Fields {
    private Fields() {}

    static Map<String, Number> of(Summary s) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("offered_rate", s.offeredRate());
        m.put("window_s", s.windowSeconds());
        m.put("requests", s.requests());
        m.put("completed", s.completed());
        m.put("failed", s.failed());
        m.put("unfinished", s.unfinished());
        m.put("output_tokens_per_s", s.outputTokensPerSecond());
        m.put("requests_per_s", s.requestsPerSecond());
        m.put("ttft_mean_s", s.ttft().mean());
        m.put("ttft_p50_s", s.ttft().p50());
        m.put("ttft_p90_s", s.ttft().p90());
        m.put("ttft_p99_s", s.ttft().p99());
        m.put("itl_mean_s", s.itl().mean());
        m.put("itl_p50_s", s.itl().p50());
        m.put("itl_p90_s", s.itl().p90());
        m.put("itl_p99_s", s.itl().p99());
        m.put("e2e_mean_s", s.e2e().mean());
        m.put("e2e_p50_s", s.e2e().p50());
        m.put("e2e_p90_s", s.e2e().p90());
        m.put("e2e_p99_s", s.e2e().p99());
        m.put("cache_hit_rate", s.cacheHitRate());
        m.put("ideal_cache_hit_rate", s.idealCacheHitRate());
        m.put("queue_depth_mean", s.queueDepthMean());
        m.put("queue_depth_max", s.queueDepthMax());
        m.put("load_spread_cv", s.loadSpreadCv());
        m.put("load_max_over_mean", s.loadMaxOverMean());
        m.put("goodput_requests_per_s", s.goodputRequestsPerSecond());
        m.put("slo_attainment", s.sloAttainment());
        m.put("prompt_tokens", s.promptTokens());
        m.put("cached_tokens", s.cachedTokens());
        m.put("output_tokens", s.outputTokens());
        return m;
    }
}
