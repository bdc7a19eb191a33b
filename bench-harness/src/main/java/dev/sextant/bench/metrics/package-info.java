/**
 * What a run measured: per-stage recording of latencies, throughput, cache hits and load spread,
 * and their summaries.
 */
package dev.sextant.bench.metrics;
