package dev.sextant.gateway.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays Envoy's side of one ext_proc stream (request headers, body chunks, then the response), the
 * way Envoy does with request/response body mode FULL_DUPLEX_STREAMED and trailers SEND.
 */
final class EnvoyStream {
    private final StreamObserver<ProcessingRequest> requests;
    private final BlockingQueue<ProcessingResponse> responses = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    EnvoyStream(ExternalProcessorGrpc.ExternalProcessorStub stub) {
        requests = stub.process(new StreamObserver<>() {
            @Override
            public void onNext(ProcessingResponse value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {
                closed.complete(t);
            }

            @Override
            public void onCompleted() {
                closed.complete(null);
            }
        });
    }

    static HeaderMap headers(Map<String, String> headers) {
        HeaderMap.Builder b = HeaderMap.newBuilder();
        headers.forEach((k, v) -> b.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
        return b.build();
    }

    EnvoyStream requestHeaders(String method, String path, Map<String, String> extra, boolean endOfStream,
            List<String> subsetHint) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put(":method", method);
        all.put(":path", path);
        all.put(":authority", "gateway.local");
        all.putAll(extra);
        ProcessingRequest.Builder b = ProcessingRequest.newBuilder()
                .setRequestHeaders(HttpHeaders.newBuilder().setHeaders(headers(all)).setEndOfStream(endOfStream));
        if (subsetHint != null) {
            ListValue.Builder list = ListValue.newBuilder();
            subsetHint.forEach(s -> list.addValues(Value.newBuilder().setStringValue(s)));
            b.setMetadataContext(Metadata.newBuilder().putFilterMetadata(EnvoyMetadata.SUBSET_NAMESPACE,
                    Struct.newBuilder().putFields("x-gateway-destination-endpoint-subset",
                            Value.newBuilder().setListValue(list).build()).build()));
        }
        requests.onNext(b.build());
        return this;
    }

    EnvoyStream requestBody(byte[] chunk, boolean endOfStream) {
        requests.onNext(ProcessingRequest.newBuilder()
                .setRequestBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(chunk)).setEndOfStream(endOfStream))
                .build());
        return this;
    }

    EnvoyStream requestBody(String chunk, boolean endOfStream) {
        return requestBody(chunk.getBytes(StandardCharsets.UTF_8), endOfStream);
    }

    EnvoyStream responseHeaders(int status, String contentType) {
        requests.onNext(ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder().setHeaders(
                headers(Map.of(":status", Integer.toString(status), "content-type", contentType)))).build());
        return this;
    }

    EnvoyStream responseBody(String chunk, boolean endOfStream) {
        requests.onNext(ProcessingRequest.newBuilder()
                .setResponseBody(HttpBody.newBuilder().setBody(ByteString.copyFromUtf8(chunk)).setEndOfStream(endOfStream))
                .build());
        return this;
    }

    void close() {
        requests.onCompleted();
    }

    void cancel() {
        requests.onError(io.grpc.Status.CANCELLED.asRuntimeException());
    }

    ProcessingResponse next() throws InterruptedException {
        ProcessingResponse r = responses.poll(60, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no ext_proc response within 60 s");
        }
        return r;
    }

    ProcessingResponse poll(Duration wait) throws InterruptedException {
        return responses.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
