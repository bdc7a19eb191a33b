package dev.sextant.gateway.proxy;

import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.ErrorCode;
import dev.sextant.api.time.Clock;
import dev.sextant.core.parsing.InvalidRequestException;
import dev.sextant.core.parsing.ModelRewrite;
import dev.sextant.core.requestcontrol.Director;
import dev.sextant.core.requestcontrol.PendingRoute;
import dev.sextant.core.requestcontrol.RequestReader;
import dev.sextant.core.requestcontrol.RoutingDecision;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The OpenAI-compatible proxy: reads a request under {@code /v1/}, asks the {@link Director} where
 * it goes, and forwards it there (see {@link UpstreamExchange}). Errors are OpenAI error JSON with
 * the status of {@link ErrorCode}.
 */
final class ProxyService {
    private static final System.Logger LOG = System.getLogger(ProxyService.class.getName());

    private final Director director;
    private final UpstreamConnections connections;
    private final Clock clock;
    private final String endpointHeader;
    private final long responseTimeoutNanos;
    private final Executor routingExecutor;

    /**
     * @param endpointHeader the response header naming the endpoint that served, or null for none
     * @param responseTimeout how long a whole response may take; zero for no limit
     * @param routingExecutor where routing runs when it may block (prepare-data plugins); null to
     *     route on the event loop
     */
    ProxyService(Director director, UpstreamConnections connections, Clock clock, String endpointHeader,
            Duration responseTimeout, Executor routingExecutor) {
        this.director = director;
        this.connections = connections;
        this.clock = clock;
        this.endpointHeader = endpointHeader;
        this.responseTimeoutNanos = responseTimeout.toNanos();
        this.routingExecutor = routingExecutor;
    }

    /** Handles one request; the caller keeps ownership of {@code req}, which is not used after this returns. */
    void serve(FullHttpRequest req, long receivedAt, Downstream client) {
        String path = pathOf(req.uri());
        ApiKind api = req.method().equals(HttpMethod.POST) ? ApiKind.ofPath(path).orElse(ApiKind.OTHER) : ApiKind.OTHER;
        byte[] body = req.content().isReadable() || req.method().equals(HttpMethod.POST)
                ? ByteBufUtil.getBytes(req.content()) : null;
        Request request = new Request(req.method(), req.uri(), req.headers().copy(), body, api, receivedAt);
        if (routingExecutor == null) {
            route(request, client);
        } else {
            CompletableFuture.runAsync(() -> route(request, client), routingExecutor);
        }
    }

    /** What the proxy keeps of a request once the codec's buffers are gone. */
    private record Request(HttpMethod method, String uri, HttpHeaders headers, byte[] body, ApiKind api,
            long receivedAt) {}

    private void route(Request req, Downstream client) {
        RequestReader.Read read;
        try {
            read = RequestReader.read(req.api(), ForwardedHeaders.asMap(req.headers()),
                    req.api() == ApiKind.OTHER ? null : req.body(), req.receivedAt());
        } catch (InvalidRequestException e) {
            onLoop(client, () -> client.respond(OpenAiErrors.response(e.code(), "invalid_request", e.getMessage())));
            return;
        }
        PendingRoute pending;
        try {
            pending = director.routeAsync(read.request(), null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "routing failed: request=" + read.request().requestId(), e);
            onLoop(client, () -> client.respond(
                    OpenAiErrors.response(ErrorCode.INTERNAL, "internal", "routing failed: " + e)));
            return;
        }
        if (pending.decision().isDone()) {
            RoutingDecision decision = pending.decision().join();
            onLoop(client, () -> respond(req, read, decision, client));
            return;
        }
        // Waiting in flow control: a client that leaves withdraws the request from the queue at once.
        onLoop(client, () -> client.whenGone(pending.cancel()));
        pending.decision().whenComplete((decision, error) -> onLoop(client, () -> {
            if (error != null) {
                client.respond(OpenAiErrors.response(ErrorCode.INTERNAL, "internal", "routing failed: " + error));
            } else {
                respond(req, read, decision, client);
            }
        }));
    }

    private void respond(Request req, RequestReader.Read read, RoutingDecision decision, Downstream client) {
        switch (decision) {
            case RoutingDecision.Refused r -> client.respond(OpenAiErrors.response(r.code(), r.reason(), r.message()));
            case RoutingDecision.Routed r -> {
                byte[] forwarded = req.body();
                if (read.body() != null && read.body().hasModelField()
                        && !r.targetModel().equals(read.body().model())) {
                    forwarded = ModelRewrite.apply(req.body(), read.body(), r.targetModel());
                }
                new UpstreamExchange(client, connections, r, req.method(), req.uri(), req.headers(), forwarded, clock,
                        endpointHeader, responseTimeoutNanos).start();
            }
        }
    }

    private static void onLoop(Downstream client, Runnable action) {
        if (client.eventLoop().inEventLoop()) {
            action.run();
        } else {
            client.eventLoop().execute(action);
        }
    }

    /** The path of a request target, without its query. */
    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
