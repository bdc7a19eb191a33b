package dev.sextant.api.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A model-server replica that requests can be routed to, as discovered (static list, file or
 * Kubernetes). Metrics are not part of it: they change every scrape and live in
 * {@link EndpointMetrics}.
 *
 * @param id the address requests go to
 * @param name a readable name (the pod name and rank in Kubernetes); defaults to the id
 * @param labels labels of the replica, such as {@value #ROLE_LABEL} and {@value #ENGINE_TYPE_LABEL}
 * @param models the models (base and adapters) it serves; empty means unknown, that is, any model
 */
public record Endpoint(EndpointId id, String name, Map<String, String> labels, Set<String> models) {

    /** The label naming an endpoint's role in disaggregated serving (llm-d). */
    public static final String ROLE_LABEL = "llm-d.ai/role";

    /** The label naming the model-server engine: {@code vllm} (default), {@code sglang}, {@code trtllm}. */
    public static final String ENGINE_TYPE_LABEL = "inference.networking.k8s.io/engine-type";

    /** The engine assumed when an endpoint has no {@value #ENGINE_TYPE_LABEL} label. */
    public static final String DEFAULT_ENGINE_TYPE = "vllm";

    public Endpoint {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id.toString() : name;
        labels = Map.copyOf(labels);
        models = Set.copyOf(models);
    }

    /** An endpoint known only by its address: no labels, any model. */
    public static Endpoint of(EndpointId id) {
        return new Endpoint(id, id.toString(), Map.of(), Set.of());
    }

    /** An endpoint known only by its address, parsed from {@code ip:port}. */
    public static Endpoint of(String hostPort) {
        return of(EndpointId.parse(hostPort));
    }

    /** The value of the {@value #ROLE_LABEL} label, if set. */
    public Optional<String> role() {
        return Optional.ofNullable(labels.get(ROLE_LABEL));
    }

    /** The engine type from the {@value #ENGINE_TYPE_LABEL} label, {@value #DEFAULT_ENGINE_TYPE} by default. */
    public String engineType() {
        return labels.getOrDefault(ENGINE_TYPE_LABEL, DEFAULT_ENGINE_TYPE);
    }

    /** Whether this endpoint may serve {@code model}: it lists it, or it lists nothing. */
    public boolean servesModel(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** A copy with different labels. */
    public Endpoint withLabels(Map<String, String> newLabels) {
        return new Endpoint(id, name, newLabels, models);
    }

    /** A copy serving a different set of models. */
    public Endpoint withModels(Set<String> newModels) {
        return new Endpoint(id, name, labels, newModels);
    }
}
