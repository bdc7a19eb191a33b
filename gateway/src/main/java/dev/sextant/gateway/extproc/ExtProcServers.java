package dev.sextant.gateway.extproc;

import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerPort;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.sextant.api.SextantException;
import dev.sextant.api.time.Clock;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.gateway.ReadinessGate;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds the Endpoint Picker servers: ext_proc over gRPC (TLS by default, with a self-signed
 * certificate unless one is given) and a plain {@code grpc.health.v1} server on its own port.
 */
public final class ExtProcServers {
    private ExtProcServers() {}

    /**
     * The ext_proc server, not started.
     *
     * @param certPath a directory with {@code tls.crt} and {@code tls.key}, or null for a self-signed certificate
     * @param blockingRouting whether routing may block (prepare-data plugins), so calls run off the event loop
     */
    public static Server extProc(String bind, int port, boolean secure, Path certPath, Director director, Clock clock,
            long maxBodyBytes, boolean blockingRouting, Duration shutdownGrace) {
        GrpcService grpc = GrpcService.builder()
                .addService(new ExtProcService(director, clock, maxBodyBytes))
                .maxRequestMessageLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes + (1 << 20)))
                .maxResponseMessageLength(8 << 20)
                .useBlockingTaskExecutor(blockingRouting)
                .build();
        ServerBuilder sb = Server.builder()
                .requestTimeout(Duration.ZERO)
                .gracefulShutdownTimeout(Duration.ZERO, shutdownGrace)
                .maxRequestLength(0)
                .service(grpc);
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (secure) {
            sb.port(new ServerPort(address, SessionProtocol.HTTPS)).tls(keyPair(certPath));
        } else {
            sb.port(new ServerPort(address, SessionProtocol.HTTP));
        }
        return sb.build();
    }

    /**
     * The {@code grpc.health.v1} server, not started. The {@code liveness} service follows {@code live};
     * the overall status, {@code readiness} and the ext_proc service follow {@code live} and {@code ready}.
     */
    public static Server health(String bind, int port, ReadinessGate live, ReadinessGate ready) {
        return Server.builder()
                .port(new ServerPort(new InetSocketAddress(bind, port), SessionProtocol.HTTP))
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .service(GrpcService.builder()
                        .addService(new HealthService(live, ready))
                        .build())
                .build();
    }

    private static TlsKeyPair keyPair(Path certPath) {
        if (certPath == null) {
            return TlsKeyPair.ofSelfSigned();
        }
        File cert = certPath.resolve("tls.crt").toFile();
        File key = certPath.resolve("tls.key").toFile();
        if (!Files.isReadable(cert.toPath()) || !Files.isReadable(key.toPath())) {
            throw new SextantException("--cert-path: " + certPath
                    + " (expected: a directory containing readable tls.crt and tls.key)");
        }
        try {
            return TlsKeyPair.of(key, cert);
        } catch (RuntimeException e) {
            throw new SextantException("--cert-path: " + certPath + ": cannot load tls.crt/tls.key: " + e.getMessage(), e);
        }
    }
}
