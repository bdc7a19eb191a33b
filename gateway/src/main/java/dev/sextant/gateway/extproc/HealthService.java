package dev.sextant.gateway.extproc;

import dev.sextant.gateway.ReadinessGate;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code grpc.health.v1} with the service names of GIE's Endpoint Picker, so the same probes work:
 * {@value #LIVENESS} is SERVING while the process serves at all; {@value #READINESS}, the empty name
 * (overall health, what load balancers ask) and the ext_proc service name are SERVING only while the
 * gateway is ready (for example, only on the leader when leader election is on). Liveness must not
 * follow readiness, or Kubernetes would restart every standby replica.
 */
final class HealthService extends HealthGrpc.HealthImplBase {
    /** The service name a liveness probe asks for. */
    static final String LIVENESS = "liveness";
    /** The service name a readiness probe asks for. */
    static final String READINESS = "readiness";

    private final ReadinessGate live;
    private final ReadinessGate ready;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    HealthService(ReadinessGate live, ReadinessGate ready) {
        this.live = Objects.requireNonNull(live, "live");
        this.ready = Objects.requireNonNull(ready, "ready");
        live.onChange(this::publish);
        ready.onChange(this::publish);
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        ServingStatus status = status(request.getService());
        if (status == ServingStatus.SERVICE_UNKNOWN) {
            response.onError(Status.NOT_FOUND.withDescription("unknown service: " + request.getService()
                    + " (expected: '', " + LIVENESS + ", " + READINESS + " or " + ExternalProcessorGrpc.SERVICE_NAME + ")")
                    .asRuntimeException());
            return;
        }
        response.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
        response.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        Watch watch = new Watch(request.getService(), response);
        if (response instanceof ServerCallStreamObserver<HealthCheckResponse> call) {
            call.setOnCancelHandler(() -> watches.remove(watch));
        }
        watches.add(watch);
        watch.send(status(watch.service));
    }

    private ServingStatus status(String service) {
        return switch (service) {
            case LIVENESS -> serving(live.isOpen());
            case "", READINESS, ExternalProcessorGrpc.SERVICE_NAME -> serving(live.isOpen() && ready.isOpen());
            default -> ServingStatus.SERVICE_UNKNOWN;
        };
    }

    private static ServingStatus serving(boolean up) {
        return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }

    private void publish() {
        for (Watch w : watches) {
            w.send(status(w.service));
        }
    }

    /** One open Watch stream: sends a status only when it differs from the last one sent. */
    private static final class Watch {
        private final String service;
        private final StreamObserver<HealthCheckResponse> response;
        private ServingStatus last;

        Watch(String service, StreamObserver<HealthCheckResponse> response) {
            this.service = service;
            this.response = response;
        }

        synchronized void send(ServingStatus status) {
            if (status == last) {
                return;
            }
            last = status;
            try {
                response.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
            } catch (RuntimeException e) {
                // The stream is already gone; its cancel handler removes it.
            }
        }
    }
}
