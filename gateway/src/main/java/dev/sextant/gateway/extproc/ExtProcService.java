package dev.sextant.gateway.extproc;

import dev.sextant.api.time.Clock;
import dev.sextant.core.requestcontrol.Director;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;

/**
 * {@code envoy.service.ext_proc.v3.ExternalProcessor/Process}: one {@link ProcessingStream} per
 * HTTP request Envoy forwards.
 */
public final class ExtProcService extends ExternalProcessorGrpc.ExternalProcessorImplBase {
    private final Director director;
    private final Clock clock;
    private final long maxBodyBytes;

    public ExtProcService(Director director, Clock clock, long maxBodyBytes) {
        this.director = director;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responseObserver) {
        return new ProcessingStream(responseObserver, director, clock, maxBodyBytes);
    }
}
