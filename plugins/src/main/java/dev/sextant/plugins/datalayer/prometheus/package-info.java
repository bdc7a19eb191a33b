/**
 * Sextant's own parser of the Prometheus text exposition format 0.0.4 ({@link
 * dev.sextant.plugins.datalayer.prometheus.PrometheusTextParser}) and the immutable result it makes
 * ({@link dev.sextant.plugins.datalayer.prometheus.ParsedMetrics}), with lookups by
 * {@link dev.sextant.plugins.datalayer.prometheus.SeriesSelector} for extractors.
 *
 * <p>Depends on the JDK and {@code sextant-api} only. Safe on hostile input: malformed lines are
 * skipped and counted, never thrown.
 */
package dev.sextant.plugins.datalayer.prometheus;
