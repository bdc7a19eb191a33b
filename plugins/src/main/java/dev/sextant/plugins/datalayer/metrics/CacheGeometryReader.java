package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.datalayer.EndpointUpdate;
import dev.sextant.api.endpoint.EndpointMetrics;
import dev.sextant.plugins.datalayer.prometheus.ParsedMetrics;
import dev.sextant.plugins.datalayer.prometheus.Sample;
import dev.sextant.plugins.datalayer.prometheus.SeriesSelector;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads tokens per KV-cache block and the number of blocks, from an info gauge's labels
 * ({@code vllm:cache_config_info{block_size="16",num_gpu_blocks="7281"}}) or from plain gauges
 * (Triton's {@code kv_cache_block_type="tokens_per"} and {@code "max"}). Block counts are summed over
 * series: with data-parallel engines each one has its own cache. One instance per extraction.
 */
final class CacheGeometryReader {
    private final ParsedMetrics data;
    private final EngineMetricSpecs specs;
    private int blockSize = -1;
    private long numBlocks = -1;
    private String problem;

    CacheGeometryReader(ParsedMetrics data, EngineMetricSpecs specs) {
        this.data = data;
        this.specs = specs;
    }

    /** Sets what it finds on {@code metrics}; reports what it cannot find. Returns whether it set anything. */
    boolean read(EndpointMetrics.Builder metrics, EndpointUpdate update, String absent) {
        readInfoGauge();
        readPlainGauges();
        if (blockSize > 0) {
            metrics.cacheBlockSize(blockSize);
        }
        if (numBlocks >= 0) {
            metrics.cacheNumBlocks(numBlocks);
        }
        if (blockSize <= 0 || numBlocks < 0) {
            update.missing(EndpointMetrics.CACHE_GEOMETRY, problem != null ? problem : absent);
        }
        return blockSize > 0 || numBlocks >= 0;
    }

    private void readInfoGauge() {
        for (SeriesSelector selector : specs.cacheInfo()) {
            List<Sample> series = data.series(selector);
            if (series.isEmpty()) {
                continue;
            }
            String size = series.getFirst().labels().get(specs.cacheBlockSizeLabel()).orElse("");
            int parsedSize = Counts.parseNonNegativeInt(size);
            if (parsedSize > 0) {
                blockSize = parsedSize;
            } else {
                problem = selector + ": " + specs.cacheBlockSizeLabel() + "=\"" + size + "\" (expected: a count > 0)";
            }
            long total = 0;
            for (Sample sample : series) {
                String blocks = sample.labels().get(specs.cacheNumBlocksLabel()).orElse("");
                long parsed = Counts.parseNonNegativeLong(blocks);
                if (parsed < 0) {
                    problem = selector + ": " + specs.cacheNumBlocksLabel() + "=\"" + blocks
                            + "\" (expected: a count >= 0)";
                    return;
                }
                total += parsed;
            }
            numBlocks = total;
            return;
        }
    }

    private void readPlainGauges() {
        for (SeriesSelector selector : specs.cacheBlockSize()) {
            OptionalDouble value = data.value(selector);
            if (value.isPresent()) {
                double v = value.getAsDouble();
                if (Counts.isCount(v) && Counts.toInt(v) > 0) {
                    blockSize = Counts.toInt(v);
                } else {
                    problem = selector + ": " + v + " (expected: a count > 0)";
                }
                break;
            }
        }
        for (SeriesSelector selector : specs.cacheNumBlocks()) {
            OptionalDouble sum = data.sum(selector);
            if (sum.isPresent()) {
                double v = sum.getAsDouble();
                if (Counts.isCount(v)) {
                    numBlocks = Counts.toLong(v);
                } else {
                    problem = selector + ": " + v + " (expected: a count >= 0)";
                }
                break;
            }
        }
    }
}
