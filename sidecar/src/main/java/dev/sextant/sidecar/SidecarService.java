package dev.sextant.sidecar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Every request to the sidecar. Inference requests that carry {@code x-prefiller-host-port} run the
 * nixlv2 protocol: the target is checked against the allowed prefill targets before anything is
 * sent (403 otherwise), the prefill leg runs to completion, then the decode leg streams from the
 * local engine. Everything else goes to the local engine unchanged.
 */
final class SidecarService implements HttpService {
    private static final System.Logger LOG = System.getLogger(SidecarService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalEngine engine;
    private final PrefillLeg prefill;
    private final PrefillTargets targets;

    SidecarService(LocalEngine engine, PrefillLeg prefill, PrefillTargets targets) {
        this.engine = engine;
        this.prefill = prefill;
        this.targets = targets;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        InferenceApi api = req.method() == HttpMethod.POST ? InferenceApi.ofPath(ctx.path()) : null;
        String target = firstTarget(req.headers().get(LegHeaders.PREFILLER_HEADER));
        if (api == null || target == null) {
            RequestHeaders headers = LegHeaders.upstream(req.headers(), engine.authority(),
                    req.headers().get(LegHeaders.REQUEST_ID));
            return engine.send(req.withHeaders(headers), null, null);
        }
        if (!HostPort.isHostPort(target)) {
            return VllmErrors.badRequest(LegHeaders.PREFILLER_HEADER + ": '" + target + "' (expected: ip:port)")
                    .toHttpResponse();
        }
        if (!targets.allows(target)) {
            LOG.log(System.Logger.Level.WARNING, "prefill target refused by SSRF protection: target={0} client={1}",
                    target, ctx.remoteAddress());
            return VllmErrors.forbidden("prefill target " + target + " is not an allowed prefill endpoint")
                    .toHttpResponse();
        }
        String requestId = requestId(req.headers());
        return HttpResponse.of(req.aggregate().thenCompose(agg -> disaggregate(api, target, requestId, agg)));
    }

    private CompletableFuture<HttpResponse> disaggregate(InferenceApi api, String target, String requestId,
            AggregatedHttpRequest req) {
        ObjectNode original;
        try {
            JsonNode parsed = JSON.readTree(req.content().array());
            if (parsed == null || !parsed.isObject()) {
                return CompletableFuture.completedFuture(
                        VllmErrors.badRequest("request body: not a JSON object (expected: an object)").toHttpResponse());
            }
            original = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(
                    VllmErrors.badRequest("request body: invalid JSON: " + e.getOriginalMessage()).toHttpResponse());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    VllmErrors.badRequest("request body: unreadable: " + e.getMessage()).toHttpResponse());
        }
        RequestHeaders legHeaders = LegHeaders.jsonLeg(req.headers(), req.path(), engine.authority(), requestId);
        byte[] prefillBody = bytes(NixlV2Bodies.prefillLeg(original, api));
        return prefill.run(target, legHeaders, prefillBody).thenApply(outcome -> switch (outcome) {
            case PrefillOutcome.Prefilled p -> engine.send(
                    HttpRequest.of(legHeaders, HttpData.wrap(bytes(NixlV2Bodies.decodeLeg(original, p.response())))),
                    LegHeaders.PREFILLED_BY, target);
            case PrefillOutcome.Refused r -> r.response().toHttpResponse();
            case PrefillOutcome.Failed f -> {
                LOG.log(System.Logger.Level.WARNING, "prefill failed, decoding locally: request_id={0} reason={1}",
                        requestId, f.reason());
                yield engine.send(HttpRequest.of(legHeaders, req.content()), LegHeaders.PREFILL_FALLBACK,
                        headerSafe(f.reason()));
            }
        });
    }

    /** The first of a comma-separated list of targets (llm-d allows several), or null if there is none. */
    static String firstTarget(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    /** {@code text} fit for a header value: control characters become spaces, at most 200 characters. */
    static String headerSafe(String text) {
        String flat = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200);
    }

    private static String requestId(RequestHeaders headers) {
        String id = headers.get(LegHeaders.REQUEST_ID);
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
