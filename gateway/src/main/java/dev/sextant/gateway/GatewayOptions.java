package dev.sextant.gateway;

import dev.sextant.core.datalayer.DataLayerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway listens and forwards. Build with {@link #builder()}; every field has the default
 * of {@code sextant serve}.
 *
 * @param httpPort the OpenAI-compatible proxy port; 0 = any free port; {@link #DISABLED} = no proxy
 * @param adminPort the admin server port: metrics, health, debug (0 = any free port)
 * @param extProcPort the Envoy ext_proc (Endpoint Picker) port; {@link #DISABLED} = no ext_proc server
 * @param grpcHealthPort the {@code grpc.health.v1} port served beside ext_proc; {@link #DISABLED} = none
 * @param secureServing whether ext_proc uses TLS (self-signed unless {@code certPath} is given)
 * @param certPath a directory holding {@code tls.crt} and {@code tls.key}, or null
 * @param bindAddress the address the servers bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param connectTimeout how long to wait for a model server's connection before trying a fallback
 * @param responseTimeout how long a whole response may take; zero means no limit (streams can be long)
 * @param exposeEndpointHeader whether proxied responses carry {@value #ENDPOINT_HEADER}
 * @param poolName the pool name used in metrics labels
 * @param dataLayer how endpoint metrics are collected
 * @param shutdownGrace how long stopping waits for requests in flight to finish
 * @param failOpen when scheduling fails with an internal error, send the request to a random healthy
 *     endpoint instead of failing it
 * @param clientIdleTimeout how long a client connection of the HTTP front may stay open with no request
 *     in flight and nothing read or written
 */
public record GatewayOptions(int httpPort, int adminPort, int extProcPort, int grpcHealthPort, boolean secureServing,
        Path certPath, String bindAddress, long maxBodyBytes, Duration connectTimeout, Duration responseTimeout,
        boolean exposeEndpointHeader, String poolName, DataLayerOptions dataLayer, Duration shutdownGrace,
        boolean failOpen, Duration clientIdleTimeout) {

    /** A port value meaning "do not start this server". */
    public static final int DISABLED = -1;

    /** The response header naming the serving endpoint, when enabled. */
    public static final String ENDPOINT_HEADER = "x-sextant-endpoint";

    /** The defaults of {@code sextant serve}. */
    public static final GatewayOptions DEFAULTS = builder().build();

    public GatewayOptions {
        port(httpPort, "httpPort", true);
        port(adminPort, "adminPort", false);
        port(extProcPort, "extProcPort", true);
        port(grpcHealthPort, "grpcHealthPort", true);
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
        Objects.requireNonNull(clientIdleTimeout, "clientIdleTimeout");
        if (clientIdleTimeout.isNegative() || clientIdleTimeout.isZero()) {
            throw new IllegalArgumentException("clientIdleTimeout: " + clientIdleTimeout + " (expected: > 0)");
        }
    }

    private static void port(int port, String name, boolean mayBeDisabled) {
        if ((port < 0 || port > 65_535) && !(mayBeDisabled && port == DISABLED)) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535" + (mayBeDisabled
                    ? ", or -1 to disable)" : ")"));
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link GatewayOptions}. Not thread-safe. */
    public static final class Builder {
        private int httpPort = 8080;
        private int adminPort = 9090;
        private int extProcPort = DISABLED;
        private int grpcHealthPort = DISABLED;
        private boolean secureServing = true;
        private Path certPath;
        private String bindAddress = "0.0.0.0";
        private long maxBodyBytes = 16L << 20;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration responseTimeout = Duration.ZERO;
        private boolean exposeEndpointHeader;
        private String poolName = "default";
        private DataLayerOptions dataLayer = DataLayerOptions.DEFAULTS;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private boolean failOpen;
        private Duration clientIdleTimeout = Duration.ofSeconds(60);

        private Builder() {}

        private Builder(GatewayOptions o) {
            httpPort = o.httpPort;
            adminPort = o.adminPort;
            extProcPort = o.extProcPort;
            grpcHealthPort = o.grpcHealthPort;
            secureServing = o.secureServing;
            certPath = o.certPath;
            bindAddress = o.bindAddress;
            maxBodyBytes = o.maxBodyBytes;
            connectTimeout = o.connectTimeout;
            responseTimeout = o.responseTimeout;
            exposeEndpointHeader = o.exposeEndpointHeader;
            poolName = o.poolName;
            dataLayer = o.dataLayer;
            shutdownGrace = o.shutdownGrace;
            failOpen = o.failOpen;
            clientIdleTimeout = o.clientIdleTimeout;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder adminPort(int v) {
            adminPort = v;
            return this;
        }

        public Builder extProcPort(int v) {
            extProcPort = v;
            return this;
        }

        public Builder grpcHealthPort(int v) {
            grpcHealthPort = v;
            return this;
        }

        public Builder secureServing(boolean v) {
            secureServing = v;
            return this;
        }

        public Builder certPath(Path v) {
            certPath = v;
            return this;
        }

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder responseTimeout(Duration v) {
            responseTimeout = v;
            return this;
        }

        public Builder exposeEndpointHeader(boolean v) {
            exposeEndpointHeader = v;
            return this;
        }

        public Builder poolName(String v) {
            poolName = v;
            return this;
        }

        public Builder dataLayer(DataLayerOptions v) {
            dataLayer = v;
            return this;
        }

        public Builder shutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public Builder failOpen(boolean v) {
            failOpen = v;
            return this;
        }

        public Builder clientIdleTimeout(Duration v) {
            clientIdleTimeout = v;
            return this;
        }

        public GatewayOptions build() {
            return new GatewayOptions(httpPort, adminPort, extProcPort, grpcHealthPort, secureServing, certPath,
                    bindAddress, maxBodyBytes, connectTimeout, responseTimeout, exposeEndpointHeader, poolName, dataLayer,
                    shutdownGrace, failOpen, clientIdleTimeout);
        }
    }
}
