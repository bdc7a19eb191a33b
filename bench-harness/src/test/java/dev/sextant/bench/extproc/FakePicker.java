package dev.sextant.bench.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Endpoint Picker for the driver's tests: it answers as REFERENCE §1 says, always with the same
 * destination, or refuses every request with a 429 when told to.
 */
final class FakePicker extends ExternalProcessorGrpc.ExternalProcessorImplBase {
    static final String DESTINATION = "10.0.0.7:8000,10.0.0.8:8000";

    private final boolean refuse;
    final AtomicLong bodiesReceived = new AtomicLong();

    FakePicker(boolean refuse) {
        this.refuse = refuse;
    }

    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> out) {
        return new StreamObserver<>() {
            final ByteArrayOutputStream body = new ByteArrayOutputStream();

            @Override
            public void onNext(ProcessingRequest request) {
                switch (request.getRequestCase()) {
                    case REQUEST_BODY -> {
                        body.writeBytes(request.getRequestBody().getBody().toByteArray());
                        if (request.getRequestBody().getEndOfStream()) {
                            bodiesReceived.incrementAndGet();
                            answer(out, body.toByteArray());
                        }
                    }
                    case RESPONSE_HEADERS -> out.onNext(ProcessingResponse.newBuilder()
                            .setResponseHeaders(HeadersResponse.getDefaultInstance()).build());
                    case RESPONSE_BODY -> out.onNext(ProcessingResponse.newBuilder().setResponseBody(
                            BodyResponse.newBuilder().setResponse(streamed(request.getResponseBody().getBody(), true)))
                            .build());
                    default -> { }
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    private void answer(StreamObserver<ProcessingResponse> out, byte[] body) {
        if (refuse) {
            out.onNext(ProcessingResponse.newBuilder().setImmediateResponse(ImmediateResponse.newBuilder()
                    .setStatus(HttpStatus.newBuilder().setCode(StatusCode.TooManyRequests))).build());
            return;
        }
        out.onNext(ProcessingResponse.newBuilder()
                .setRequestHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.newBuilder()
                        .setClearRouteCache(true)
                        .setHeaderMutation(HeaderMutation.newBuilder().addSetHeaders(HeaderValueOption.newBuilder()
                                .setHeader(HeaderValue.newBuilder().setKey(Destinations.KEY)
                                        .setRawValue(ByteString.copyFromUtf8(DESTINATION)))))))
                .setDynamicMetadata(Struct.newBuilder().putFields("envoy.lb", Value.newBuilder().setStructValue(
                        Struct.newBuilder().putFields(Destinations.KEY, Value.newBuilder().setStringValue(DESTINATION)
                                .build())).build()))
                .build());
        for (int offset = 0; offset < body.length; offset += 62_000) {
            int length = Math.min(62_000, body.length - offset);
            out.onNext(ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder()
                    .setResponse(streamed(ByteString.copyFrom(body, offset, length), offset + length == body.length)))
                    .build());
        }
    }

    private static CommonResponse streamed(ByteString chunk, boolean endOfStream) {
        return CommonResponse.newBuilder().setBodyMutation(BodyMutation.newBuilder().setStreamedResponse(
                StreamedBodyResponse.newBuilder().setBody(chunk).setEndOfStream(endOfStream))).build();
    }
}
