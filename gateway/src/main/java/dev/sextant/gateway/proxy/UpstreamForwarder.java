package dev.sextant.gateway.proxy;

import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SplitHttpResponse;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.request.Usage;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseSummary;
import dev.sextant.api.requestcontrol.ResponseSummary.Outcome;
import dev.sextant.api.time.Clock;
import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.RequestHandle;
import dev.sextant.core.requestcontrol.RoutingDecision;
import dev.sextant.gateway.usage.UsageCollector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one routed request to its endpoints: the primary first, then each fallback while the
 * previous one refused the connection, closed it before answering, or answered 503, as long as
 * nothing has reached the client.
 * Once response headers are passed on there is no retry. The response body streams through with
 * backpressure; usage is read from it on the way; the request's completion hooks run exactly once,
 * also when the client goes away (which cancels the upstream request).
 */
final class UpstreamForwarder {
    private final WebClient client;
    private final Clock clock;
    private final String endpointHeader;

    UpstreamForwarder(WebClient client, Clock clock, String endpointHeader) {
        this.client = client;
        this.clock = clock;
        this.endpointHeader = endpointHeader;
    }

    HttpResponse forward(ServiceRequestContext ctx, RoutingDecision.Routed routed, RequestHeaders clientHeaders,
            byte[] body) {
        return new Exchange(ctx, routed, clientHeaders, body).start();
    }

    /** The forwarding of one request across its targets. */
    private final class Exchange {
        private final ServiceRequestContext ctx;
        private final RoutingDecision.Routed routed;
        private final RequestHandle handle;
        private final RequestHeaders clientHeaders;
        private final byte[] body;
        private final CompletableFuture<HttpResponse> response = new CompletableFuture<>();
        private final AtomicReference<HttpResponse> inFlight = new AtomicReference<>();

        Exchange(ServiceRequestContext ctx, RoutingDecision.Routed routed, RequestHeaders clientHeaders, byte[] body) {
            this.ctx = ctx;
            this.routed = routed;
            this.handle = routed.handle();
            this.clientHeaders = clientHeaders;
            this.body = body;
        }

        HttpResponse start() {
            ctx.whenRequestCancelling().thenAccept(cause -> {
                HttpResponse upstream = inFlight.get();
                if (upstream != null) {
                    upstream.abort();
                }
                complete(routed.primary(), Outcome.CANCELLED, 0, Usage.NONE, 0);
            });
            attempt(0);
            return HttpResponse.of(response);
        }

        private void attempt(int index) {
            List<EndpointId> targets = routed.targets();
            EndpointId target = targets.get(index);
            boolean last = index == targets.size() - 1;
            RequestHeaders headers = ForwardedHeaders.upstream(clientHeaders, target.toString(),
                    handle.request().requestId(), routed.setHeaders(), routed.removeHeaders());
            HttpResponse upstream = client.execute(HttpRequest.of(headers, HttpData.wrap(body)));
            inFlight.set(upstream);
            if (handle.isCompleted()) {
                upstream.abort();
                return;
            }
            SplitHttpResponse split = upstream.split();
            split.headers().handle((responseHeaders, error) -> {
                if (error != null) {
                    Throwable cause = Exceptions.peel(error);
                    if (!last && nothingWasAnswered(cause)) {
                        attempt(index + 1);
                    } else {
                        fail(target, cause);
                    }
                } else if (responseHeaders.status().code() == 503 && !last) {
                    split.body().abort();
                    attempt(index + 1);
                } else {
                    response.complete(stream(target, responseHeaders, split));
                }
                return null;
            });
        }

        private void fail(EndpointId target, Throwable cause) {
            complete(target, Outcome.UPSTREAM_FAILED, 0, Usage.NONE, 0);
            if (cause instanceof ResponseTimeoutException) {
                response.complete(OpenAiErrors.response(504, "upstream_timeout",
                        "model server " + target + " did not answer in time"));
            } else if (cause instanceof UnprocessedRequestException u) {
                response.complete(OpenAiErrors.response(502, "upstream_unreachable",
                        "could not reach any model server (tried " + routed.targets().size() + "; last " + target
                                + ": " + describe(u.getCause()) + ")"));
            } else {
                response.complete(OpenAiErrors.response(502, "upstream_failed",
                        "model server " + target + " failed: " + describe(cause)));
            }
        }

        private HttpResponse stream(EndpointId target, ResponseHeaders upstreamHeaders, SplitHttpResponse split) {
            int status = upstreamHeaders.status().code();
            String contentType = upstreamHeaders.get("content-type");
            ResponseInfo info = new ResponseInfo(target, status,
                    contentType != null && contentType.startsWith("text/event-stream"),
                    ForwardedHeaders.asMap(upstreamHeaders), clock.nanos());
            HeaderChanges responseChanges = handle.responseReceived(info);
            UsageCollector usage = UsageCollector.forContentType(contentType);
            long[] firstByte = {0};
            var body = split.body().peek(data -> {
                long now = clock.nanos();
                if (firstByte[0] == 0) {
                    firstByte[0] = now;
                }
                byte[] bytes = data.array();
                usage.accept(bytes, 0, bytes.length);
                if (info.streaming()) {
                    handle.responseChunk(info, bytes.length, now);
                }
            });
            body.whenComplete().handle((ignored, error) -> {
                Outcome outcome;
                if (error == null) {
                    outcome = status >= 200 && status < 300 ? Outcome.SUCCESS : Outcome.SERVER_ERROR;
                } else {
                    outcome = isClientCancellation(Exceptions.peel(error)) || ctx.whenRequestCancelling().isDone()
                            ? Outcome.CANCELLED : Outcome.UPSTREAM_FAILED;
                }
                complete(target, outcome, status, usage.usage(), firstByte[0]);
                return null;
            });
            return HttpResponse.of(ForwardedHeaders.downstream(upstreamHeaders, endpointHeader, target.toString(),
                    responseChanges), body, split.trailers());
        }

        private void complete(EndpointId target, Outcome outcome, int status, Usage usage, long firstByte) {
            handle.complete(new ResponseSummary(target, outcome, status, usage, firstByte, clock.nanos()));
        }
    }

    /**
     * Failures before the response headers after which another endpoint may take the request: it was
     * never sent (connection refused, reset while connecting), or the connection closed before any
     * answer, e.g. the model server died with the request in flight. Nothing reached the client, and
     * a generation that a dead server may have begun has no effect a second one would repeat.
     */
    private static boolean nothingWasAnswered(Throwable cause) {
        return cause instanceof UnprocessedRequestException || cause instanceof ClosedSessionException;
    }

    /** Our body stream fails this way only when the client side stopped reading. */
    private static boolean isClientCancellation(Throwable cause) {
        return cause instanceof com.linecorp.armeria.common.stream.CancelledSubscriptionException
                || cause instanceof com.linecorp.armeria.common.stream.AbortedStreamException;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof ClosedSessionException) {
            return "closed the connection before answering";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
