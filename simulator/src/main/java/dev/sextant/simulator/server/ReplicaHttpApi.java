package dev.sextant.simulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sextant.simulator.tokenize.ChatTemplate;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The HTTP routes of one simulated replica: vLLM's OpenAI-compatible API, LoRA management,
 * {@code /tokenize}, {@code /health}, {@code /metrics} and {@code /debug/kv}, plus the failure
 * injection that chaos tests use.
 */
final class ReplicaHttpApi {
    /** Header that makes the replica answer an inference request with this error status. */
    static final String RETURN_ERROR_HEADER = "x-return-error";
    private static final int[] INJECTED_STATUSES = {429, 500, 503};
    /** Most adapters a replica knows at once: loading is an API call, and memory must stay bounded. */
    static final int MAX_KNOWN_ADAPTERS = 1_024;

    private final ReplicaContext rc;
    private final long readyAtNanos;
    private volatile boolean hang;
    private volatile double failureRate;
    private final Map<String, Route> routes;

    ReplicaHttpApi(ReplicaContext rc) {
        this.rc = rc;
        this.readyAtNanos = rc.options.clock().nanos() + rc.options.startupDelay().toNanos();
        this.hang = rc.options.hang();
        this.failureRate = rc.options.failureRate();
        this.routes = routes();
    }

    void hang(boolean value) {
        hang = value;
    }

    void failureRate(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("failureRate: " + value + " (expected: 0..1)");
        }
        failureRate = value;
    }

    /** Dispatches by path and method; unknown paths get FastAPI's 404, wrong methods its 405. */
    HttpService router() {
        return (ctx, req) -> {
            Route route = routes.get(ctx.path());
            if (route == null) {
                return afterBody(req,
                        HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.JSON_UTF_8, "{\"detail\":\"Not Found\"}"));
            }
            if (req.method() != route.method()) {
                return afterBody(req, HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED, MediaType.JSON_UTF_8,
                        "{\"detail\":\"Method Not Allowed\"}"));
            }
            return route.service().serve(ctx, req);
        };
    }

    private Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("/v1/completions", new Route(HttpMethod.POST, inference(InferenceCall.Api.COMPLETIONS))),
                Map.entry("/v1/chat/completions", new Route(HttpMethod.POST, inference(InferenceCall.Api.CHAT))),
                Map.entry("/v1/responses", new Route(HttpMethod.POST, inference(InferenceCall.Api.RESPONSES))),
                Map.entry("/v1/models", new Route(HttpMethod.GET, guarded(this::models))),
                Map.entry("/v1/load_lora_adapter", new Route(HttpMethod.POST, withBody(this::loadAdapter))),
                Map.entry("/v1/unload_lora_adapter", new Route(HttpMethod.POST, withBody(this::unloadAdapter))),
                Map.entry("/tokenize", new Route(HttpMethod.POST, withBody(this::tokenize))),
                Map.entry("/health", new Route(HttpMethod.GET, guarded((ctx, req) -> HttpResponse.of(HttpStatus.OK)))),
                Map.entry("/metrics", new Route(HttpMethod.GET, guarded(this::metrics))),
                Map.entry("/debug/kv", new Route(HttpMethod.GET, guarded(this::debugKv))));
    }

    private record Route(HttpMethod method, HttpService service) {}

    private boolean ready() {
        return rc.options.clock().nanos() >= readyAtNanos;
    }

    private HttpService guarded(HttpService service) {
        return (ctx, req) -> {
            if (!ready()) {
                return afterBody(req, ApiError.unavailable("the replica is starting").toResponse());
            }
            return service.serve(ctx, req);
        };
    }

    /**
     * Answers only once the request body has been read: a response sent over an unread body makes
     * the server reset the HTTP/2 stream, and clients then see a reset instead of the answer.
     */
    private static HttpResponse afterBody(HttpRequest req, HttpResponse response) {
        return HttpResponse.of(req.aggregate().thenApply(ignored -> response));
    }

    private HttpService withBody(Function<JsonNode, HttpResponse> handler) {
        return guarded((ctx, req) -> HttpResponse.of(req.aggregate().thenApply(agg -> {
            try {
                return handler.apply(parseBody(agg));
            } catch (ApiError e) {
                return e.toResponse();
            }
        })));
    }

    private HttpService inference(InferenceCall.Api api) {
        return guarded((ctx, req) -> {
            String forced = req.headers().get(RETURN_ERROR_HEADER);
            if (forced != null) {
                return afterBody(req, injected(forced));
            }
            if (hang) {
                return HttpResponse.streaming();
            }
            if (failureRate > 0 && rc.nextDouble() < failureRate) {
                int status = INJECTED_STATUSES[(int) Long.remainderUnsigned(rc.nextRandom(), INJECTED_STATUSES.length)];
                return afterBody(req,
                        ApiError.response(status, "injected failure (--failure-rate)", null).toHttpResponse());
            }
            String requestId = req.headers().get("x-request-id");
            return HttpResponse.of(req.aggregate().thenApply(agg -> serveInference(api, ctx, agg, requestId)));
        });
    }

    private HttpResponse serveInference(InferenceCall.Api api, ServiceRequestContext ctx, AggregatedHttpRequest agg,
            String requestId) {
        try {
            InferenceCall call = rc.parser.parse(api, parseBody(agg));
            Role role = rc.options.role();
            if (call.remotePrefill() && role == Role.PREFILL) {
                throw ApiError.badRequest("kv_transfer_params.do_remote_prefill: true on a prefill replica"
                        + " (expected: a decode or both replica)", "kv_transfer_params");
            }
            if (call.remoteDecode() && role == Role.DECODE) {
                throw ApiError.badRequest("kv_transfer_params.do_remote_decode: true on a decode replica"
                        + " (expected: a prefill or both replica)", "kv_transfer_params");
            }
            return new InferenceExchange(rc, call, ctx, requestId).start();
        } catch (ApiError e) {
            return e.toResponse();
        }
    }

    private static HttpResponse injected(String value) {
        int status;
        try {
            status = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 400 || status > 599) {
            return ApiError.badRequest("X-Return-Error: '" + value + "' (expected: an HTTP status 400..599)", null)
                    .toResponse();
        }
        return ApiError.response(status, "injected failure (X-Return-Error)", null).toHttpResponse();
    }

    private static JsonNode parseBody(AggregatedHttpRequest agg) {
        if (agg.content().isEmpty()) {
            throw ApiError.badRequest("request body: empty (expected: a JSON object)", null);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(agg.content().array());
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("request body: not a JSON object (expected: an object)", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body: invalid JSON (" + e.getOriginalMessage() + ")", null);
        } catch (IOException e) {
            throw ApiError.badRequest("request body: unreadable (" + e.getMessage() + ")", null);
        }
    }

    private HttpResponse models(ServiceRequestContext ctx, HttpRequest req) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        ObjectNode base = data.addObject();
        base.put("id", rc.options.model());
        base.put("object", "model");
        base.put("created", rc.createdEpochSeconds);
        base.put("owned_by", "vllm");
        base.put("root", rc.options.model());
        base.putNull("parent");
        base.put("max_model_len", rc.options.profile().maxModelLen());
        for (Map.Entry<String, String> adapter : new TreeMap<>(rc.adapterSnapshot()).entrySet()) {
            ObjectNode m = data.addObject();
            m.put("id", adapter.getKey());
            m.put("object", "model");
            m.put("created", rc.createdEpochSeconds);
            m.put("owned_by", "vllm");
            m.put("root", adapter.getValue());
            m.put("parent", rc.options.model());
            m.putNull("max_model_len");
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, Json.bytes(body));
    }

    private HttpResponse loadAdapter(JsonNode body) {
        String name = requiredString(body, "lora_name");
        String path = requiredString(body, "lora_path");
        if (rc.options.maxLoras() == 0) {
            throw ApiError.badRequest("LoRA is not enabled on this replica (max_loras is 0)", "lora_name");
        }
        if (name.equals(rc.options.model())) {
            throw ApiError.badRequest("lora_name: '" + name + "' (expected: a name other than the base model)",
                    "lora_name");
        }
        if (rc.adapters.size() >= MAX_KNOWN_ADAPTERS && !rc.adapters.containsKey(name)) {
            throw ApiError.badRequest("lora_name: '" + name + "' would be adapter " + (rc.adapters.size() + 1)
                    + " (expected: at most " + MAX_KNOWN_ADAPTERS + " adapters; unload one first)", "lora_name");
        }
        if (rc.adapters.putIfAbsent(name, path) != null) {
            throw ApiError.badRequest("The lora adapter '" + name + "' has already been loaded.", "lora_name");
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8,
                "Success: LoRA adapter '" + name + "' added successfully.");
    }

    private HttpResponse unloadAdapter(JsonNode body) {
        String name = requiredString(body, "lora_name");
        if (rc.adapters.remove(name) == null) {
            throw ApiError.notFound("The lora adapter '" + name + "' cannot be found.", "lora_name");
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8,
                "Success: LoRA adapter '" + name + "' removed successfully.");
    }

    private HttpResponse tokenize(JsonNode body) {
        rc.parser.resolveModel(RequestParser.optionalString(body, "model"));
        JsonNode prompt = body.get("prompt");
        JsonNode messages = body.get("messages");
        boolean hasPrompt = prompt != null && !prompt.isNull();
        boolean hasMessages = messages != null && !messages.isNull();
        if (hasPrompt == hasMessages) {
            throw ApiError.badRequest("prompt, messages: " + (hasPrompt ? "both given" : "neither given")
                    + " (expected: exactly one of them)", hasPrompt ? "messages" : "prompt");
        }
        int[] tokens;
        if (hasPrompt) {
            if (!prompt.isTextual()) {
                throw ApiError.badRequest("prompt: " + RequestParser.describe(prompt) + " (expected: a string)",
                        "prompt");
            }
            tokens = rc.parser.encode(prompt.asText());
        } else {
            JsonNode agp = body.get("add_generation_prompt");
            boolean addGenerationPrompt = agp == null || agp.isNull() || RequestParser.optionalBoolean(body,
                    "add_generation_prompt");
            tokens = rc.parser.encode(ChatTemplate.render(rc.parser.chatMessages(body), addGenerationPrompt));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("count", tokens.length);
        out.put("max_model_len", rc.options.profile().maxModelLen());
        ArrayNode ids = out.putArray("tokens");
        for (int t : tokens) {
            ids.add(t);
        }
        if (RequestParser.optionalBoolean(body, "return_token_strs")) {
            ArrayNode strs = out.putArray("token_strs");
            for (int t : tokens) {
                strs.add(rc.tokenizer.decode(new int[] {t}));
            }
        } else {
            out.putNull("token_strs");
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, Json.bytes(out));
    }

    private HttpResponse metrics(ServiceRequestContext ctx, HttpRequest req) {
        double start = rc.createdEpochSeconds;
        return HttpResponse.of(rc.driver.read(engine -> MetricsText.render(engine.snapshot(), rc.options.model(),
                        rc.options.clock().epochMillis() / 1e3, start))
                .thenApply(text -> HttpResponse.of(HttpStatus.OK, MediaType.parse(MetricsText.CONTENT_TYPE), text)));
    }

    private HttpResponse debugKv(ServiceRequestContext ctx, HttpRequest req) {
        return HttpResponse.of(rc.driver.read(engine -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("model", rc.options.model());
            out.put("block_size", rc.options.profile().blockSize());
            out.put("num_gpu_blocks", rc.options.profile().numGpuBlocks());
            out.put("used_blocks", engine.usedBlocks());
            out.put("tokenizer", rc.tokenizer.name());
            ArrayNode hashes = out.putArray("block_hashes");
            for (long h : engine.cachedBlockHashes()) {
                if (h >= 0) {
                    hashes.add(h);
                } else {
                    hashes.add(new BigInteger(Long.toUnsignedString(h)));
                }
            }
            out.put("cached_blocks", hashes.size());
            return out;
        }).thenApply(out -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, Json.bytes(out))));
    }

    private static String requiredString(JsonNode body, String field) {
        String value = RequestParser.optionalString(body, field);
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest(field + ": " + (value == null ? "missing" : "blank") + " (expected: a string)",
                    field);
        }
        return value;
    }
}
