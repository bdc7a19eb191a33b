/**
 * The simulated replica as pure, step-driven logic: {@link dev.sextant.simulator.engine.ReplicaEngine}
 * with its KV block pool, prefix cache, LoRA slots and latency profile. No threads, no clock: callers
 * drive it in virtual or wall-clock time.
 */
package dev.sextant.simulator.engine;
