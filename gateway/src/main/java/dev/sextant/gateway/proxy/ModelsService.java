package dev.sextant.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.core.datalayer.EndpointStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/models}: the union of the models every eligible endpoint serves, as its own
 * {@code /v1/models} reports them (adapters keep their {@code parent}), plus models that endpoints
 * declare in the endpoints file. An endpoint that does not answer in time is left out.
 */
final class ModelsService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointStore store;
    private final WebClient client;
    private final Duration timeout;

    ModelsService(EndpointStore store, WebClient client, Duration timeout) {
        this.store = store;
        this.client = client;
        this.timeout = timeout;
    }

    /** The listing as JSON; completes once every endpoint answered or timed out. */
    CompletableFuture<String> list() {
        List<EndpointSnapshot> endpoints = store.view().eligible();
        List<CompletableFuture<AggregatedHttpResponse>> answers = new ArrayList<>(endpoints.size());
        for (EndpointSnapshot e : endpoints) {
            RequestHeaders headers = RequestHeaders.builder(HttpMethod.GET, "/v1/models")
                    .scheme(SessionProtocol.H1C).authority(e.id().toString()).build();
            answers.add(client.execute(HttpRequest.of(headers)).aggregate()
                    .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .exceptionally(t -> null));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> merge(endpoints, answers));
    }

    private static String merge(List<EndpointSnapshot> endpoints, List<CompletableFuture<AggregatedHttpResponse>> answers) {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        for (CompletableFuture<AggregatedHttpResponse> f : answers) {
            AggregatedHttpResponse r = f.getNow(null);
            if (r == null || r.status().code() != 200) {
                continue;
            }
            try {
                JsonNode data = JSON.readTree(r.content().array()).get("data");
                if (data != null && data.isArray()) {
                    for (JsonNode m : data) {
                        JsonNode id = m.get("id");
                        if (m.isObject() && id != null && id.isTextual()) {
                            models.putIfAbsent(id.textValue(), m);
                        }
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // An endpoint answering garbage simply contributes nothing.
            }
        }
        for (EndpointSnapshot e : endpoints) {
            for (String declared : e.endpoint().models()) {
                if (!models.containsKey(declared)) {
                    ObjectNode m = JSON.createObjectNode();
                    m.put("id", declared);
                    m.put("object", "model");
                    m.put("owned_by", "sextant");
                    models.put(declared, m);
                }
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        models.values().forEach(data::add);
        return root.toString();
    }
}
