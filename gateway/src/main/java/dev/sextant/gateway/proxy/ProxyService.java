package dev.sextant.gateway.proxy;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.time.Clock;
import dev.sextant.core.parsing.InvalidRequestException;
import dev.sextant.core.parsing.ModelRewrite;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.core.requestcontrol.PendingRoute;
import dev.sextant.core.requestcontrol.RequestReader;
import dev.sextant.core.requestcontrol.RoutingDecision;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The OpenAI-compatible front: reads a request under {@code /v1/}, asks the {@link Director} where
 * it goes, and forwards it there (see {@link UpstreamForwarder}). Errors are OpenAI error JSON with
 * the status of {@link ErrorCode}.
 */
public final class ProxyService implements HttpService {
    private static final System.Logger LOG = System.getLogger(ProxyService.class.getName());

    private final Director director;
    private final UpstreamForwarder forwarder;
    private final Clock clock;
    private final long maxBodyBytes;
    private final Executor routingExecutor;

    /**
     * @param routingExecutor where routing runs when it may block (prepare-data plugins); null to
     *     route on the event loop
     */
    public ProxyService(Director director, com.linecorp.armeria.client.WebClient upstream, Clock clock,
            long maxBodyBytes, String endpointHeader, Executor routingExecutor) {
        this.director = director;
        this.forwarder = new UpstreamForwarder(upstream, clock, endpointHeader);
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.routingExecutor = routingExecutor;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        long receivedAt = clock.nanos();
        ctx.setMaxRequestLength(maxBodyBytes);
        CompletableFuture<HttpResponse> response = req.aggregate().handle((aggregated, error) -> {
            if (error != null) {
                return failure(Exceptions.peel(error));
            }
            if (routingExecutor == null) {
                return handle(ctx, aggregated, receivedAt);
            }
            return HttpResponse.of(CompletableFuture.supplyAsync(() -> handle(ctx, aggregated, receivedAt),
                    routingExecutor));
        });
        return HttpResponse.of(response);
    }

    private HttpResponse handle(ServiceRequestContext ctx, AggregatedHttpRequest req, long receivedAt) {
        String path = req.path();
        ApiKind api = req.method() == HttpMethod.POST ? ApiKind.ofPath(path).orElse(ApiKind.OTHER) : ApiKind.OTHER;
        byte[] body = req.content().array();
        RequestReader.Read read;
        try {
            read = RequestReader.read(api, ForwardedHeaders.asMap(req.headers()), api == ApiKind.OTHER ? null : body,
                    receivedAt);
        } catch (InvalidRequestException e) {
            return OpenAiErrors.response(e.code(), "invalid_request", e.getMessage());
        }
        PendingRoute pending;
        try {
            pending = director.routeAsync(read.request(), null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "routing failed: request=" + read.request().requestId(), e);
            return OpenAiErrors.response(ErrorCode.INTERNAL, "internal", "routing failed: " + e);
        }
        if (pending.decision().isDone()) {
            return respond(ctx, req, body, read, pending.decision().join());
        }
        // Waiting in flow control: a client that leaves withdraws the request from the queue at once.
        ctx.whenRequestCancelling().thenRun(pending.cancel());
        return HttpResponse.of(pending.decision().handle((decision, error) -> error != null
                ? OpenAiErrors.response(ErrorCode.INTERNAL, "internal", "routing failed: " + error)
                : respond(ctx, req, body, read, decision)));
    }

    private HttpResponse respond(ServiceRequestContext ctx, AggregatedHttpRequest req, byte[] body,
            RequestReader.Read read, RoutingDecision decision) {
        return switch (decision) {
            case RoutingDecision.Refused r -> OpenAiErrors.response(r.code(), r.reason(), r.message());
            case RoutingDecision.Routed r -> {
                byte[] forwarded = body;
                if (read.body() != null && read.body().hasModelField()
                        && !r.targetModel().equals(read.body().model())) {
                    forwarded = ModelRewrite.apply(body, read.body(), r.targetModel());
                }
                yield forwarder.forward(ctx, r, req.headers(), forwarded);
            }
        };
    }

    private HttpResponse failure(Throwable cause) {
        if (cause instanceof ContentTooLargeException) {
            return OpenAiErrors.response(ErrorCode.PAYLOAD_TOO_LARGE, "request_too_large",
                    "request body is larger than " + maxBodyBytes + " bytes");
        }
        return OpenAiErrors.response(ErrorCode.BAD_REQUEST, "invalid_request",
                "request could not be read: " + cause.getMessage());
    }
}
