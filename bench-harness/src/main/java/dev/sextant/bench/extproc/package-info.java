/**
 * {@code sextant bench extproc}: the Endpoint Picker's own latency, measured by playing Envoy's side of the
 * ext_proc protocol over real gRPC against any Endpoint Picker (Sextant's, GIE's) given its address.
 *
 * <p>{@link dev.sextant.bench.extproc.ExtProcBench} drives the load, open loop at a fixed rate
 * ({@link dev.sextant.bench.extproc.FixedRateSchedule}, timed from each request's intended send time so a stalled
 * picker cannot hide its stall) or closed loop at a fixed concurrency;
 * {@link dev.sextant.bench.extproc.EnvoyExchange} is one request's stream;
 * {@link dev.sextant.bench.extproc.LatencyHistogram} keeps the latencies. Depends on Armeria's gRPC client, the
 * Envoy API classes and HdrHistogram only: never on the gateway that serves ext_proc.
 */
package dev.sextant.bench.extproc;
