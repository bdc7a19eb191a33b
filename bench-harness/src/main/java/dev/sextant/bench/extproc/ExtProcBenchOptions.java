package dev.sextant.bench.extproc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ExtProcBench} sends, and how.
 *
 * @param target the picker's ext_proc address: {@code http://host:port} (plain text) or {@code https://host:port}
 *     (TLS, certificate not verified: pickers make self-signed ones)
 * @param api the API the request bodies are written for
 * @param model the model the bodies name
 * @param bodyBytes each request body's exact size
 * @param chunkBytes the largest {@code request_body} chunk
 * @param distinctBodies how many different bodies are built and sent in turn
 * @param load open loop at a rate, or closed loop at a concurrency
 * @param warmup how long requests are sent before measuring starts (not measured)
 * @param duration how long requests are measured after the warm-up
 * @param drain how long requests still open at the end may take before they are cut off as unfinished
 * @param modelTime how long the simulated model server takes between the forwarded request and its response
 *     headers; with a closed loop this is what makes concurrency N offer N / modelTime requests per second
 *     instead of measuring nothing but the picker's saturation throughput
 * @param maxInFlight most exchanges open at once; an open-loop arrival beyond it is counted as
 *     {@code client_overloaded} and not sent, so the generator never queues
 * @param eventLoops the gRPC client's event-loop threads
 * @param seed the seed of the bodies' words
 */
public record ExtProcBenchOptions(URI target, BodyApi api, String model, int bodyBytes, int chunkBytes,
        int distinctBodies, LoadShape load, Duration warmup, Duration duration, Duration drain, Duration modelTime, int maxInFlight,
        int eventLoops, long seed) {

    public ExtProcBenchOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(modelTime, "modelTime");
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme()) || target.getPort() <= 0) {
            throw new IllegalArgumentException("target: " + target + " (expected: http://HOST:PORT or https://HOST:PORT)");
        }
        positive("body-size", bodyBytes);
        positive("chunk-size", chunkBytes);
        positive("distinct-bodies", distinctBodies);
        positive("max-in-flight", maxInFlight);
        positive("event-loops", eventLoops);
        int smallest = PromptBodies.smallest(api, model);
        if (bodyBytes < smallest) {
            throw new IllegalArgumentException("body-size: " + bodyBytes + " (expected: >= " + smallest
                    + ", the JSON around an empty prompt)");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        if (drain.isNegative()) {
            throw new IllegalArgumentException("drain: " + drain + " (expected: >= 0)");
        }
        if (modelTime.isNegative()) {
            throw new IllegalArgumentException("model-time: " + modelTime + " (expected: >= 0)");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** Whether the target is served over TLS. */
    public boolean tls() {
        return "https".equals(target.getScheme());
    }
}
