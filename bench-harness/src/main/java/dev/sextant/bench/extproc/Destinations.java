package dev.sextant.bench.extproc;

import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;

/** Reads the picked destination from a headers response, as Envoy would (REFERENCE §1). */
final class Destinations {
    /** The header and the {@code envoy.lb} metadata key that carry the pick. */
    static final String KEY = "x-gateway-destination-endpoint";

    private Destinations() {}

    /**
     * The destination list from the header mutation, else from the {@code envoy.lb} dynamic metadata; null if the
     * response names none.
     */
    static String of(ProcessingResponse response) {
        for (HeaderValueOption h : response.getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersList()) {
            if (h.getHeader().getKey().equalsIgnoreCase(KEY)) {
                String value = h.getHeader().getRawValue().isEmpty() ? h.getHeader().getValue()
                        : h.getHeader().getRawValue().toStringUtf8();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        Value lb = response.getDynamicMetadata().getFieldsMap().get("envoy.lb");
        if (lb != null && lb.hasStructValue()) {
            Value destination = lb.getStructValue().getFieldsMap().get(KEY);
            if (destination != null && !destination.getStringValue().isEmpty()) {
                return destination.getStringValue();
            }
        }
        return null;
    }
}
