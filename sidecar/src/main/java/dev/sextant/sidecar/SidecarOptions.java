package dev.sextant.sidecar;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * How a {@link RoutingSidecar} runs.
 *
 * @param port the port to listen on (0 picks a free one), 8000 by convention
 * @param engine the local decode engine, e.g. {@code http://127.0.0.1:8001}
 * @param connector the KV-transfer protocol
 * @param prefillTargets the prefill endpoints that may be contacted
 * @param prefillTimeout how long a prefill leg may take before the request falls back to local decode
 * @param maxRequestBytes the largest request body accepted
 */
public record SidecarOptions(int port, URI engine, Connector connector, PrefillTargets prefillTargets,
        Duration prefillTimeout, long maxRequestBytes) {

    /** The default time a prefill leg may take. */
    public static final Duration DEFAULT_PREFILL_TIMEOUT = Duration.ofSeconds(60);

    /** The default largest request body: 64 MiB, room for long prompts. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

    public SidecarOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        requireNonNull(engine, "engine");
        if (!"http".equals(engine.getScheme()) || engine.getHost() == null || engine.getPort() < 0) {
            throw new IllegalArgumentException("engine: '" + engine + "' (expected: http://host:port)");
        }
        requireNonNull(connector, "connector");
        requireNonNull(prefillTargets, "prefillTargets");
        requireNonNull(prefillTimeout, "prefillTimeout");
        if (prefillTimeout.isNegative() || prefillTimeout.isZero()) {
            throw new IllegalArgumentException("prefillTimeout: " + prefillTimeout + " (expected: > 0)");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes: " + maxRequestBytes + " (expected: > 0)");
        }
    }

    /** Options with the default connector, prefill timeout and request size. */
    public static SidecarOptions of(int port, URI engine, PrefillTargets prefillTargets) {
        return new SidecarOptions(port, engine, Connector.NIXLV2, prefillTargets, DEFAULT_PREFILL_TIMEOUT,
                DEFAULT_MAX_REQUEST_BYTES);
    }
}
