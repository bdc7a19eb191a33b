package dev.sextant.gateway;

import dev.sextant.core.datalayer.DataLayerOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How the standalone gateway listens and forwards.
 *
 * @param httpPort the OpenAI-compatible proxy port (0 = any free port)
 * @param adminPort the admin server port: metrics, health, debug (0 = any free port)
 * @param bindAddress the address both servers bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param connectTimeout how long to wait for a model server's connection before trying a fallback
 * @param responseTimeout how long a whole response may take; zero means no limit (streams can be long)
 * @param exposeEndpointHeader whether responses carry {@value #ENDPOINT_HEADER} naming the endpoint that
 *     served (useful in demos and debugging; off by default so internal addresses are not revealed)
 * @param poolName the pool name used in metrics labels
 * @param dataLayer how endpoint metrics are collected
 * @param shutdownGrace how long stopping waits for requests in flight to finish
 */
public record GatewayOptions(int httpPort, int adminPort, String bindAddress, long maxBodyBytes,
        Duration connectTimeout, Duration responseTimeout, boolean exposeEndpointHeader, String poolName,
        DataLayerOptions dataLayer, Duration shutdownGrace) {

    /** The response header naming the serving endpoint, when enabled. */
    public static final String ENDPOINT_HEADER = "x-sextant-endpoint";

    /** 8080, 9090, all interfaces, 16 MiB bodies, 2 s connect, no response limit, no header, 10 s grace. */
    public static final GatewayOptions DEFAULTS = new GatewayOptions(8080, 9090, "0.0.0.0", 16L << 20,
            Duration.ofSeconds(2), Duration.ZERO, false, "default", DataLayerOptions.DEFAULTS, Duration.ofSeconds(10));

    public GatewayOptions {
        port(httpPort, "httpPort");
        port(adminPort, "adminPort");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || responseTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts: connect " + connectTimeout + ", response " + responseTimeout
                    + " (expected: connect > 0, response >= 0)");
        }
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(dataLayer, "dataLayer");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace: " + shutdownGrace + " (expected: >= 0)");
        }
    }

    private static void port(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535)");
        }
    }

    /** A copy with other ports. */
    public GatewayOptions withPorts(int http, int admin) {
        return new GatewayOptions(http, admin, bindAddress, maxBodyBytes, connectTimeout, responseTimeout,
                exposeEndpointHeader, poolName, dataLayer, shutdownGrace);
    }
}
