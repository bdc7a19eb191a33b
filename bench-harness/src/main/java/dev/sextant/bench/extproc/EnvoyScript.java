package dev.sextant.bench.extproc;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Envoy sends on one ext_proc stream for one non-streaming chat or completions request, with request header
 * mode SEND and body modes FULL_DUPLEX_STREAMED: the request headers, the body in chunks as the downstream codec
 * delivered them (the last one marked end of stream), then, once the picker has answered, the model server's
 * response headers and its body in one chunk. Built once; protobuf messages are immutable, so every stream that
 * replays the script shares them and the generator allocates nothing per request to describe it.
 *
 * @param requestHeaders the {@code request_headers} message
 * @param requestBodyChunks the {@code request_body} messages, in order, the last with end of stream
 * @param bodyBytes the request body's length
 * @param responseHeaders the {@code response_headers} message: 200, {@code application/json}
 * @param responseBody the {@code response_body} message: a small JSON body with token usage, end of stream
 */
record EnvoyScript(ProcessingRequest requestHeaders, List<ProcessingRequest> requestBodyChunks, int bodyBytes,
        ProcessingRequest responseHeaders, ProcessingRequest responseBody) {

    private static final String RESPONSE = "{\"id\":\"cmpl-bench\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":16,\"total_tokens\":%d}}";

    EnvoyScript {
        requestBodyChunks = List.copyOf(requestBodyChunks);
    }

    /**
     * The script for one body.
     *
     * @param chunkBytes the largest {@code request_body} chunk; Envoy passes body data on as its codec delivers it,
     *     which for HTTP/2 clients is one DATA frame, at most 16,384 bytes by default
     */
    static EnvoyScript of(BodyApi api, byte[] body, int chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunk size: " + chunkBytes + " (expected: > 0)");
        }
        ProcessingRequest headers = ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder()
                        .setHeaders(headerMap(Map.of(":method", "POST", ":path", api.path(), ":scheme", "http",
                                ":authority", "inference-gateway", "content-type", "application/json",
                                "content-length", Integer.toString(body.length))))
                        .setEndOfStream(false))
                .build();
        List<ProcessingRequest> chunks = new ArrayList<>();
        for (int offset = 0; offset < body.length; offset += chunkBytes) {
            int length = Math.min(chunkBytes, body.length - offset);
            chunks.add(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                            .setBody(ByteString.copyFrom(body, offset, length))
                            .setEndOfStream(offset + length == body.length))
                    .build());
        }
        if (chunks.isEmpty()) {
            chunks.add(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder().setEndOfStream(true)).build());
        }
        int promptTokens = body.length / 5;
        ProcessingRequest responseHeaders = ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder()
                        .setHeaders(headerMap(Map.of(":status", "200", "content-type", "application/json"))))
                .build();
        ProcessingRequest responseBody = ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
                        .setBody(ByteString.copyFromUtf8(String.format(RESPONSE, promptTokens, promptTokens + 16)))
                        .setEndOfStream(true))
                .build();
        return new EnvoyScript(headers, chunks, body.length, responseHeaders, responseBody);
    }

    private static HeaderMap headerMap(Map<String, String> headers) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        // Pseudo-headers first, as Envoy sends them.
        headers.entrySet().stream()
                .sorted((a, b) -> Boolean.compare(!a.getKey().startsWith(":"), !b.getKey().startsWith(":")))
                .forEach(h -> map.addHeaders(HeaderValue.newBuilder().setKey(h.getKey())
                        .setRawValue(ByteString.copyFrom(h.getValue(), StandardCharsets.UTF_8))));
        return map.build();
    }
}
