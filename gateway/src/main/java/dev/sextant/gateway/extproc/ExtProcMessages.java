package dev.sextant.gateway.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Value;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.InferenceHeaders;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ext_proc responses of the Endpoint Picker Protocol (REFERENCE §1), built in one place. */
final class ExtProcMessages {
    /** Largest body chunk sent back to Envoy in one streamed response. */
    static final int MAX_CHUNK = 62_000;

    /** The dynamic-metadata namespace Envoy's load balancer reads the destination from. */
    static final String LB_NAMESPACE = "envoy.lb";

    private ExtProcMessages() {}

    /**
     * The answer to the request headers once an endpoint is picked: the destination header (primary
     * then fallbacks) overwriting anything the client sent, the same value as {@code envoy.lb}
     * dynamic metadata, {@code clear_route_cache}, and the header changes of pre-request plugins.
     *
     * @param contentLength the length of the (possibly rewritten) body, or -1 for requests without one
     */
    static ProcessingResponse requestHeaders(String destination, Map<String, String> set, Set<String> remove,
            long contentLength) {
        HeaderMutation.Builder mutation = HeaderMutation.newBuilder()
                .addSetHeaders(header(InferenceHeaders.DESTINATION_ENDPOINT, destination));
        if (contentLength >= 0) {
            mutation.addSetHeaders(header("content-length", Long.toString(contentLength)));
        }
        set.forEach((name, value) -> {
            if (!name.equals(InferenceHeaders.DESTINATION_ENDPOINT)) {
                mutation.addSetHeaders(header(name, value));
            }
        });
        List<String> removals = new ArrayList<>(remove);
        for (String routing : InferenceHeaders.ROUTING) {
            if (!routing.equals(InferenceHeaders.DESTINATION_ENDPOINT) && !set.containsKey(routing)
                    && !removals.contains(routing)) {
                removals.add(routing);
            }
        }
        mutation.addAllRemoveHeaders(removals);
        Struct lb = Struct.newBuilder()
                .putFields(InferenceHeaders.DESTINATION_ENDPOINT, Value.newBuilder().setStringValue(destination).build())
                .build();
        return ProcessingResponse.newBuilder()
                .setRequestHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.newBuilder()
                        .setClearRouteCache(true)
                        .setHeaderMutation(mutation)))
                .setDynamicMetadata(Struct.newBuilder()
                        .putFields(LB_NAMESPACE, Value.newBuilder().setStructValue(lb).build()))
                .build();
    }

    /** The body sent on to the model server, in chunks of at most {@link #MAX_CHUNK} bytes. */
    static List<ProcessingResponse> requestBody(byte[] body, boolean endOfStream) {
        List<ProcessingResponse> out = new ArrayList<>();
        for (CommonResponse common : chunks(body, endOfStream)) {
            out.add(ProcessingResponse.newBuilder().setRequestBody(BodyResponse.newBuilder().setResponse(common)).build());
        }
        return out;
    }

    /** A response-body chunk passed through unchanged (split if Envoy sent more than {@link #MAX_CHUNK}). */
    static List<ProcessingResponse> responseBody(byte[] body, boolean endOfStream) {
        List<ProcessingResponse> out = new ArrayList<>();
        for (CommonResponse common : chunks(body, endOfStream)) {
            out.add(ProcessingResponse.newBuilder().setResponseBody(BodyResponse.newBuilder().setResponse(common)).build());
        }
        return out;
    }

    /**
     * Splits a body into streamed-response chunks. The chunks share {@code body}'s bytes instead of copying
     * them, so callers hand over arrays nothing writes to afterwards (a request body once complete, a copy of a
     * response chunk).
     */
    private static List<CommonResponse> chunks(byte[] body, boolean endOfStream) {
        List<CommonResponse> out = new ArrayList<>();
        int offset = 0;
        do {
            int length = Math.min(MAX_CHUNK, body.length - offset);
            boolean last = offset + length >= body.length;
            out.add(CommonResponse.newBuilder().setBodyMutation(BodyMutation.newBuilder()
                    .setStreamedResponse(StreamedBodyResponse.newBuilder()
                            .setBody(UnsafeByteOperations.unsafeWrap(body, offset, length))
                            .setEndOfStream(endOfStream && last))).build());
            offset += length;
        } while (offset < body.length);
        return out;
    }

    /** The answer to response headers: nothing changed. */
    static ProcessingResponse responseHeaders() {
        return responseHeaders(new HeaderChanges());
    }

    /** The answer to response headers, with the changes response plugins made. */
    static ProcessingResponse responseHeaders(HeaderChanges changes) {
        if (changes.isEmpty()) {
            return ProcessingResponse.newBuilder()
                    .setResponseHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.getDefaultInstance()))
                    .build();
        }
        HeaderMutation.Builder mutation = HeaderMutation.newBuilder();
        changes.set().forEach((name, value) -> mutation.addSetHeaders(header(name, value)));
        mutation.addAllRemoveHeaders(changes.removed());
        return ProcessingResponse.newBuilder()
                .setResponseHeaders(HeadersResponse.newBuilder()
                        .setResponse(CommonResponse.newBuilder().setHeaderMutation(mutation)))
                .build();
    }

    /** The answer to request trailers. */
    static ProcessingResponse requestTrailers() {
        return ProcessingResponse.newBuilder().setRequestTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    /** The answer to response trailers. */
    static ProcessingResponse responseTrailers() {
        return ProcessingResponse.newBuilder().setResponseTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    /** An immediate response ending the request: {@code inference gateway: <Code> - <message>}. */
    static ProcessingResponse immediate(ErrorCode code, String message) {
        byte[] body = ("inference gateway: " + code.wireName() + " - " + message).getBytes(StandardCharsets.UTF_8);
        return ProcessingResponse.newBuilder().setImmediateResponse(ImmediateResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(code.httpStatus())))
                        .setHeaders(HeaderMutation.newBuilder().addSetHeaders(header("content-type", "text/plain; charset=utf-8")))
                        .setBody(ByteString.copyFrom(body))
                        .setDetails(code.wireName()))
                .build();
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name).setRawValue(ByteString.copyFromUtf8(value)))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                .build();
    }
}
