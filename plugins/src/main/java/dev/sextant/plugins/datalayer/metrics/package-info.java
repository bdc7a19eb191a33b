/**
 * The {@code /metrics} half of the data layer: {@link
 * dev.sextant.plugins.datalayer.metrics.MetricsDataSource} ({@code metrics-data-source}) scrapes
 * each endpoint and parses the exposition; {@link
 * dev.sextant.plugins.datalayer.metrics.MetricsExtractor} ({@code metrics-extractor}) maps it to
 * endpoint metrics by engine (vLLM, SGLang, TRT-LLM).
 */
package dev.sextant.plugins.datalayer.metrics;
