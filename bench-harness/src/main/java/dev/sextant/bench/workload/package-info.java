/**
 * Seeded workloads: what requests look like (shared-prefix, multi-turn, random, trace replay) and
 * when they arrive (Poisson over stages); the YAML and JSONL readers; prompts that are both token
 * sequences and text.
 */
package dev.sextant.bench.workload;
