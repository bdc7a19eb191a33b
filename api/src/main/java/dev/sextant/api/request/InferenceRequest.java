package dev.sextant.api.request;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One inference request as the engine sees it, whichever front (HTTP proxy or ext_proc) it came from.
 *
 * <p>Immutable. The body itself is not here: only what routing needs.
 *
 * @param requestId the {@code x-request-id}, never blank
 * @param apiKind which API was called
 * @param incomingModel the {@code model} the client asked for; empty for requests without a body
 * @param targetModel the model after rewrite rules (a base model or a LoRA adapter name)
 * @param prompt the prompt view used for prefix hashing
 * @param headers request headers, names in lower case
 * @param objective the inference objective named by {@code x-gateway-inference-objective}; empty if unset
 * @param priority the objective's priority: 0 when unset, negative means sheddable
 * @param fairnessId the flow this request belongs to ({@code x-gateway-inference-fairness-id}),
 *     {@value #DEFAULT_FAIRNESS_ID} by default
 * @param bodySizeBytes size of the request body in bytes, &ge; 0
 * @param cacheSalt the {@code cache_salt} field, which isolates prefix caches; empty if absent
 * @param streaming whether the client asked for a streamed response
 * @param receivedAtNanos {@link dev.sextant.api.time.Clock#nanos()} when the request arrived
 */
public record InferenceRequest(
        String requestId,
        ApiKind apiKind,
        String incomingModel,
        String targetModel,
        PromptView prompt,
        Map<String, String> headers,
        String objective,
        int priority,
        String fairnessId,
        long bodySizeBytes,
        String cacheSalt,
        boolean streaming,
        long receivedAtNanos) {

    /** The flow id of requests that name none. */
    public static final String DEFAULT_FAIRNESS_ID = "default-flow";

    public InferenceRequest {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("requestId: blank (expected: an id)");
        }
        Objects.requireNonNull(apiKind, "apiKind");
        Objects.requireNonNull(incomingModel, "incomingModel");
        Objects.requireNonNull(targetModel, "targetModel");
        Objects.requireNonNull(prompt, "prompt");
        headers = lowerCaseCopy(headers);
        Objects.requireNonNull(objective, "objective");
        fairnessId = fairnessId == null || fairnessId.isBlank() ? DEFAULT_FAIRNESS_ID : fairnessId;
        if (bodySizeBytes < 0) {
            throw new IllegalArgumentException("bodySizeBytes: " + bodySizeBytes + " (expected: >= 0)");
        }
        Objects.requireNonNull(cacheSalt, "cacheSalt");
    }

    /** Whether this request may be shed under saturation: its priority is negative. */
    public boolean isSheddable() {
        return priority < 0;
    }

    /** The value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** A builder starting from this request's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a request with the given id; everything else starts empty or at its default. */
    public static Builder builder(String requestId) {
        return new Builder(requestId);
    }

    private static Map<String, String> lowerCaseCopy(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        boolean lower = true;
        for (String name : headers.keySet()) {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                lower = false;
                break;
            }
        }
        if (lower) {
            return Map.copyOf(headers);
        }
        Map<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(out);
    }

    @Override
    public String toString() {
        return "InferenceRequest{id=" + requestId + ", api=" + apiKind + ", model=" + targetModel
                + ", prompt=" + prompt.length() + " chars, priority=" + priority + '}';
    }

    /** Builds requests; used by the fronts and by tests. Not thread-safe. */
    public static final class Builder {
        private String requestId;
        private ApiKind apiKind = ApiKind.OTHER;
        private String incomingModel = "";
        private String targetModel;
        private PromptView prompt = PromptView.EMPTY;
        private Map<String, String> headers = Map.of();
        private String objective = "";
        private int priority;
        private String fairnessId = DEFAULT_FAIRNESS_ID;
        private long bodySizeBytes;
        private String cacheSalt = "";
        private boolean streaming;
        private long receivedAtNanos;

        private Builder(String requestId) {
            this.requestId = requestId;
        }

        private Builder(InferenceRequest from) {
            requestId = from.requestId;
            apiKind = from.apiKind;
            incomingModel = from.incomingModel;
            targetModel = from.targetModel;
            prompt = from.prompt;
            headers = from.headers;
            objective = from.objective;
            priority = from.priority;
            fairnessId = from.fairnessId;
            bodySizeBytes = from.bodySizeBytes;
            cacheSalt = from.cacheSalt;
            streaming = from.streaming;
            receivedAtNanos = from.receivedAtNanos;
        }

        public Builder requestId(String value) {
            requestId = value;
            return this;
        }

        public Builder apiKind(ApiKind value) {
            apiKind = value;
            return this;
        }

        /** Sets the incoming model, and the target model too unless one was set already. */
        public Builder model(String value) {
            incomingModel = value;
            if (targetModel == null) {
                targetModel = value;
            }
            return this;
        }

        public Builder targetModel(String value) {
            targetModel = value;
            return this;
        }

        public Builder prompt(PromptView value) {
            prompt = value;
            return this;
        }

        public Builder headers(Map<String, String> value) {
            headers = value;
            return this;
        }

        public Builder objective(String value) {
            objective = value;
            return this;
        }

        public Builder priority(int value) {
            priority = value;
            return this;
        }

        public Builder fairnessId(String value) {
            fairnessId = value;
            return this;
        }

        public Builder bodySizeBytes(long value) {
            bodySizeBytes = value;
            return this;
        }

        public Builder cacheSalt(String value) {
            cacheSalt = value;
            return this;
        }

        public Builder streaming(boolean value) {
            streaming = value;
            return this;
        }

        public Builder receivedAtNanos(long value) {
            receivedAtNanos = value;
            return this;
        }

        public InferenceRequest build() {
            return new InferenceRequest(requestId, apiKind, incomingModel,
                    targetModel == null ? incomingModel : targetModel, prompt, headers, objective, priority,
                    fairnessId, bodySizeBytes, cacheSalt, streaming, receivedAtNanos);
        }
    }
}
