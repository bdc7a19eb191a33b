package dev.sextant.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The InferencePool resource of the Gateway API Inference Extension ({@code inference.networking.k8s.io/v1}),
 * read as a generic resource: only the fields discovery needs are parsed, strictly, so a malformed
 * pool is reported instead of half understood.
 */
public final class InferencePool {
    /** The API group. */
    public static final String GROUP = "inference.networking.k8s.io";
    /** The served version Sextant reads. */
    public static final String VERSION = "v1";
    /** The kind. */
    public static final String KIND = "InferencePool";
    /** The resource name in URLs and RBAC rules. */
    public static final String PLURAL = "inferencepools";

    private static final ResourceDefinitionContext DEFINITION = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(true).build();

    private InferencePool() {}

    /** How the client addresses InferencePools. */
    public static ResourceDefinitionContext definition() {
        return DEFINITION;
    }

    /**
     * What an InferencePool asks for.
     *
     * @param selection the pods and ports of the pool
     * @param picker the Endpoint Picker the pool names (informational: the gateway, not Sextant, uses it)
     */
    public record Spec(PodSelection selection, PickerRef picker) {
        public Spec {
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(picker, "picker");
        }
    }

    /**
     * {@code spec.endpointPickerRef}.
     *
     * @param name the Service (or other kind) in front of the picker
     * @param port its port, 0 when not given
     * @param failureMode {@code FailOpen} or {@code FailClose} (the default)
     */
    public record PickerRef(String name, int port, String failureMode) {
        public PickerRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(failureMode, "failureMode");
        }
    }

    /**
     * Reads the spec of {@code pool}.
     *
     * @throws IllegalArgumentException naming the first field that is missing or malformed, e.g.
     *     {@code spec.targetPorts: 9 entries (expected: 1..8)}
     */
    public static Spec spec(GenericKubernetesResource pool) {
        Objects.requireNonNull(pool, "pool");
        Map<?, ?> spec = map(pool.getAdditionalProperties().get("spec"), "spec");
        Map<?, ?> selector = map(spec.get("selector"), "spec.selector");
        Map<?, ?> rawLabels = map(selector.get("matchLabels"), "spec.selector.matchLabels");
        Map<String, String> labels = new LinkedHashMap<>();
        rawLabels.forEach((k, v) -> labels.put(String.valueOf(k), string(v, "spec.selector.matchLabels." + k)));
        if (!(spec.get("targetPorts") instanceof List<?> rawPorts)) {
            throw missingOrNot("spec.targetPorts", spec.get("targetPorts"), "a list of {number: port}");
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < rawPorts.size(); i++) {
            ports.add(port(map(rawPorts.get(i), "spec.targetPorts[" + i + "]").get("number"),
                    "spec.targetPorts[" + i + "].number"));
        }
        PodSelection selection;
        try {
            selection = new PodSelection(labels, ports);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec." + e.getMessage(), e);
        }
        return new Spec(selection, picker(spec.get("endpointPickerRef")));
    }

    private static PickerRef picker(Object raw) {
        Map<?, ?> ref = map(raw, "spec.endpointPickerRef");
        String name = string(ref.get("name"), "spec.endpointPickerRef.name");
        int port = ref.get("port") == null ? 0 : port(map(ref.get("port"), "spec.endpointPickerRef.port").get("number"),
                "spec.endpointPickerRef.port.number");
        String mode = ref.get("failureMode") == null ? "FailClose" : string(ref.get("failureMode"),
                "spec.endpointPickerRef.failureMode");
        if (!mode.equals("FailOpen") && !mode.equals("FailClose")) {
            throw new IllegalArgumentException("spec.endpointPickerRef.failureMode: \"" + mode
                    + "\" (expected: FailOpen or FailClose)");
        }
        return new PickerRef(name, port, mode);
    }

    private static Map<?, ?> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw missingOrNot(path, value, "an object");
    }

    private static String string(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        throw missingOrNot(path, value, "a string");
    }

    private static int port(Object value, String path) {
        // JSON numbers arrive as Integer or Long; a float or a string is not a port.
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n >= 1 && n <= 65_535) {
                return (int) n;
            }
        }
        throw missingOrNot(path, value, "a port number 1..65535");
    }

    private static IllegalArgumentException missingOrNot(String path, Object value, String expected) {
        String found = value == null ? "missing" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new IllegalArgumentException(path + ": " + found + " (expected: " + expected + ")");
    }
}
