package dev.sextant.gateway.extproc;

import com.google.protobuf.ByteString;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.requestcontrol.ResponseSummary.Outcome;
import dev.sextant.api.time.Clock;
import dev.sextant.core.parsing.InvalidRequestException;
import dev.sextant.core.parsing.ModelRewrite;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.core.requestcontrol.PendingRoute;
import dev.sextant.core.requestcontrol.RequestHandle;
import dev.sextant.core.requestcontrol.RequestReader;
import dev.sextant.core.requestcontrol.RoutingDecision;
import dev.sextant.gateway.usage.UsageCollector;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Envoy ext_proc stream, that is one HTTP request, as a small state machine that translates
 * ext_proc messages into the protocol-neutral request and back. The request's lifecycle (hooks,
 * in-flight accounting) lives in the Director's {@link RequestHandle}; this class only remembers
 * protocol state: headers until the body is complete, the body while it accumulates, and what the
 * response said.
 *
 * <p>gRPC delivers one stream's messages one at a time, so no locking is needed.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {
    private static final System.Logger LOG = System.getLogger(ProcessingStream.class.getName());

    /** Where the stream is in the exchange. */
    private enum Phase {
        /** Waiting for the request headers. */
        HEADERS,
        /** Accumulating the request body. */
        BODY,
        /** Waiting in flow control for the routing decision. */
        WAITING,
        /** Routed; waiting for the response. */
        ROUTED,
        /** Answered with an immediate response, or the response is complete: ignore the rest. */
        DONE
    }

    private final StreamObserver<ProcessingResponse> out;
    private final Director director;
    private final Clock clock;
    private final long maxBodyBytes;

    private Phase phase = Phase.HEADERS;
    private Map<String, String> headers = Map.of();
    private String method = "";
    private String path = "";
    private Set<EndpointId> subset;
    private EndpointId served;
    private long receivedAtNanos;
    /** The request body so far: the chunks' own bytes joined as a rope, copied once when complete. */
    private ByteString body;

    private RequestHandle handle;
    private PendingRoute pending;
    private boolean trailersFollowRouting;
    private EndpointId primary;
    private ResponseInfo response;
    private UsageCollector usage;
    private long firstByteNanos;

    ProcessingStream(StreamObserver<ProcessingResponse> out, Director director, Clock clock, long maxBodyBytes) {
        this.out = out;
        this.director = director;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public synchronized void onNext(ProcessingRequest request) {
        if (request.hasMetadataContext()) {
            Set<EndpointId> hint = EnvoyMetadata.subset(request.getMetadataContext());
            if (hint != null) {
                subset = hint;
            }
            EndpointId servedBy = EnvoyMetadata.served(request.getMetadataContext());
            if (servedBy != null) {
                served = servedBy;
            }
        }
        try {
            switch (request.getRequestCase()) {
                case REQUEST_HEADERS -> requestHeaders(request.getRequestHeaders());
                case REQUEST_BODY -> requestBody(request.getRequestBody().getBody(),
                        request.getRequestBody().getEndOfStream());
                case REQUEST_TRAILERS -> requestTrailers();
                case RESPONSE_HEADERS -> responseHeaders(request.getResponseHeaders());
                case RESPONSE_BODY -> responseBody(request.getResponseBody().getBody().toByteArray(),
                        request.getResponseBody().getEndOfStream());
                case RESPONSE_TRAILERS -> responseTrailers();
                case REQUEST_NOT_SET -> LOG.log(System.Logger.Level.DEBUG, "ext_proc message without a request ignored");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ext_proc stream failed", e);
            if (phase == Phase.HEADERS || phase == Phase.BODY) {
                refuse(ErrorCode.INTERNAL, "the endpoint picker failed: " + e);
            } else {
                finish(Outcome.UPSTREAM_FAILED, 0);
                out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
                phase = Phase.DONE;
            }
        }
    }

    private void requestHeaders(HttpHeaders message) {
        if (phase != Phase.HEADERS) {
            return;
        }
        receivedAtNanos = clock.nanos();
        headers = new HashMap<>();
        for (HeaderValue h : message.getHeaders().getHeadersList()) {
            String key = h.getKey().toLowerCase(Locale.ROOT);
            String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toStringUtf8();
            switch (key) {
                case ":method" -> method = value;
                case ":path" -> path = value;
                default -> {
                    if (!key.startsWith(":")) {
                        headers.put(key, value);
                    }
                }
            }
        }
        if (message.getEndOfStream()) {
            route(null, true);
        } else {
            phase = Phase.BODY;
            body = ByteString.EMPTY;
        }
    }

    private void requestBody(ByteString chunk, boolean endOfStream) {
        if (phase != Phase.BODY) {
            return;
        }
        if (body.size() + (long) chunk.size() > maxBodyBytes) {
            body = null;
            refuse(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        body = body.concat(chunk);
        if (endOfStream) {
            byte[] complete = body.toByteArray();
            body = null;
            route(complete, true);
        }
    }

    /** Trailers end the request body: route now, and answer the trailers after the body. */
    private void requestTrailers() {
        if (phase == Phase.BODY) {
            byte[] complete = body.toByteArray();
            body = null;
            trailersFollowRouting = true;
            route(complete, false);
        } else if (phase == Phase.ROUTED) {
            out.onNext(ExtProcMessages.requestTrailers());
        }
    }

    /**
     * Parses and routes; answers at once, or when flow control lets the request go: the headers
     * response, then the body (if any) in chunks, the last one marked end of stream unless trailers
     * follow, then the trailers response if they came.
     */
    private void route(byte[] requestBody, boolean bodyEndsStream) {
        ApiKind api = "POST".equalsIgnoreCase(method) ? ApiKind.ofPath(path).orElse(ApiKind.OTHER) : ApiKind.OTHER;
        RequestReader.Read read;
        try {
            read = RequestReader.read(api, headers, api == ApiKind.OTHER ? null : requestBody, receivedAtNanos);
        } catch (InvalidRequestException e) {
            refuse(e.code(), e.getMessage());
            return;
        }
        PendingRoute route = director.routeAsync(read.request(), subset);
        if (route.decision().isDone()) {
            answer(route.decision().join(), read, requestBody, bodyEndsStream);
            return;
        }
        phase = Phase.WAITING;
        pending = route;
        route.decision().whenComplete((decision, error) -> decided(decision, error, read, requestBody, bodyEndsStream));
    }

    /** The routing decision of a request that waited in flow control. */
    private synchronized void decided(RoutingDecision decision, Throwable error, RequestReader.Read read,
            byte[] requestBody, boolean bodyEndsStream) {
        pending = null;
        if (phase != Phase.WAITING) {
            // The stream ended while the request waited; a late pick must still release what it counted.
            if (decision instanceof RoutingDecision.Routed r) {
                r.handle().complete(new ResponseSummary(r.primary(), Outcome.CANCELLED, 0,
                        dev.sextant.api.request.Usage.NONE, 0, clock.nanos()));
            }
            return;
        }
        if (error != null) {
            refuse(ErrorCode.INTERNAL, "the endpoint picker failed: " + error);
            return;
        }
        answer(decision, read, requestBody, bodyEndsStream);
    }

    private void answer(RoutingDecision decision, RequestReader.Read read, byte[] requestBody, boolean bodyEndsStream) {
        switch (decision) {
            case RoutingDecision.Refused r -> refuse(r.code(), r.message());
            case RoutingDecision.Routed r -> {
                handle = r.handle();
                primary = r.primary();
                byte[] forwarded = requestBody;
                if (requestBody != null && read.body() != null && read.body().hasModelField()
                        && !r.targetModel().equals(read.body().model())) {
                    forwarded = ModelRewrite.apply(requestBody, read.body(), r.targetModel());
                }
                Map<String, String> set = new HashMap<>(r.setHeaders());
                if (!read.request().requestId().equals(headers.get("x-request-id"))) {
                    set.put("x-request-id", read.request().requestId());
                }
                String destination = String.join(",", r.targets().stream().map(EndpointId::toString).toList());
                out.onNext(ExtProcMessages.requestHeaders(destination, set, r.removeHeaders(),
                        forwarded == null ? -1 : forwarded.length));
                if (forwarded != null) {
                    ExtProcMessages.requestBody(forwarded, bodyEndsStream).forEach(out::onNext);
                }
                if (trailersFollowRouting) {
                    out.onNext(ExtProcMessages.requestTrailers());
                }
                phase = Phase.ROUTED;
            }
        }
    }

    private void responseHeaders(HttpHeaders message) {
        if (phase != Phase.ROUTED) {
            return;
        }
        int status = 0;
        Map<String, String> responseHeaders = new HashMap<>();
        for (HeaderValue h : message.getHeaders().getHeadersList()) {
            String key = h.getKey().toLowerCase(Locale.ROOT);
            String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toStringUtf8();
            if (key.equals(":status") || key.equals("status")) {
                try {
                    status = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    status = 0;
                }
            } else if (!key.startsWith(":")) {
                responseHeaders.put(key, value);
            }
        }
        String contentType = responseHeaders.get("content-type");
        boolean streaming = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/event-stream");
        response = new ResponseInfo(served != null ? served : primary, status, streaming, responseHeaders, clock.nanos());
        usage = UsageCollector.forContentType(contentType);
        out.onNext(ExtProcMessages.responseHeaders(handle.responseReceived(response)));
        if (message.getEndOfStream()) {
            finish(outcomeOf(status), status);
        }
    }

    private void responseBody(byte[] chunk, boolean endOfStream) {
        if (phase != Phase.ROUTED) {
            return;
        }
        if (response == null) {
            // A body before any headers: nothing to learn from it, pass it on.
            ExtProcMessages.responseBody(chunk, endOfStream).forEach(out::onNext);
            return;
        }
        long now = clock.nanos();
        if (firstByteNanos == 0 && chunk.length > 0) {
            firstByteNanos = now;
        }
        usage.accept(chunk, 0, chunk.length);
        if (response.streaming() && chunk.length > 0) {
            handle.responseChunk(response, chunk.length, now);
        }
        ExtProcMessages.responseBody(chunk, endOfStream).forEach(out::onNext);
        if (endOfStream) {
            finish(outcomeOf(response.status()), response.status());
        }
    }

    private void responseTrailers() {
        if (phase == Phase.ROUTED) {
            out.onNext(ExtProcMessages.responseTrailers());
            finish(response == null ? Outcome.UPSTREAM_FAILED : outcomeOf(response.status()),
                    response == null ? 0 : response.status());
        }
    }

    /** A request still waiting in flow control leaves the queue. */
    private void withdraw() {
        if (phase == Phase.WAITING && pending != null) {
            pending.cancel().run();
        }
    }

    private static Outcome outcomeOf(int status) {
        return status >= 200 && status < 300 ? Outcome.SUCCESS : Outcome.SERVER_ERROR;
    }

    private void refuse(ErrorCode code, String message) {
        out.onNext(ExtProcMessages.immediate(code, message));
        phase = Phase.DONE;
    }

    /** Ends the request's lifecycle (once), keeping the stream open for what Envoy still sends. */
    private void finish(Outcome outcome, int status) {
        if (handle != null && !handle.isCompleted()) {
            EndpointId endpoint = response != null ? response.endpoint() : served != null ? served : primary;
            handle.complete(new ResponseSummary(endpoint, outcome, status,
                    usage == null ? dev.sextant.api.request.Usage.NONE : usage.usage(), firstByteNanos, clock.nanos()));
        }
    }

    /** The stream broke: the client went away or Envoy lost the upstream. */
    @Override
    public synchronized void onError(Throwable t) {
        withdraw();
        Status s = Status.fromThrowable(t);
        finish(s.getCode() == Status.Code.CANCELLED ? Outcome.CANCELLED : Outcome.UPSTREAM_FAILED,
                response == null ? 0 : response.status());
        phase = Phase.DONE;
    }

    /** Envoy closed its side: if the response did not complete, the request ended early. */
    @Override
    public synchronized void onCompleted() {
        withdraw();
        if (phase == Phase.ROUTED) {
            finish(response == null ? Outcome.CANCELLED : Outcome.UPSTREAM_FAILED, response == null ? 0 : response.status());
        }
        phase = Phase.DONE;
        out.onCompleted();
    }
}
