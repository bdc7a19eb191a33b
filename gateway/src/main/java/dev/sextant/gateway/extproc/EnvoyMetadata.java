package dev.sextant.gateway.extproc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.core.requestcontrol.InferenceHeaders;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the proxy tells the picker through filter metadata: the subset hint and the endpoint that served. */
final class EnvoyMetadata {
    /** The namespace of the subset hint. */
    static final String SUBSET_NAMESPACE = "envoy.lb.subset_hint";

    private EnvoyMetadata() {}

    /**
     * The endpoints the proxy restricts the pick to, or null when it gives no hint. An entry that is
     * not {@code ip:port} is ignored; a hint whose entries are all ignored is an empty subset.
     */
    static Set<EndpointId> subset(Metadata metadata) {
        Struct hint = metadata.getFilterMetadataMap().get(SUBSET_NAMESPACE);
        if (hint == null) {
            return null;
        }
        Value list = hint.getFieldsMap().get(InferenceHeaders.DESTINATION_SUBSET);
        if (list == null) {
            return null;
        }
        Set<EndpointId> out = new LinkedHashSet<>();
        if (list.hasListValue()) {
            for (Value v : list.getListValue().getValuesList()) {
                add(out, v);
            }
        } else {
            add(out, list);
        }
        return out;
    }

    private static void add(Set<EndpointId> out, Value v) {
        if (v.hasStringValue()) {
            for (String part : v.getStringValue().split(",")) {
                try {
                    out.add(EndpointId.parse(part));
                } catch (IllegalArgumentException e) {
                    // Not an address: it cannot name an endpoint, so it narrows the subset to nothing more.
                }
            }
        }
    }

    /** The endpoint the proxy reports as having served the request, or null. */
    static EndpointId served(Metadata metadata) {
        Struct lb = metadata.getFilterMetadataMap().get(ExtProcMessages.LB_NAMESPACE);
        if (lb == null) {
            return null;
        }
        Value v = lb.getFieldsMap().get(InferenceHeaders.DESTINATION_SERVED);
        if (v == null || !v.hasStringValue()) {
            return null;
        }
        try {
            return EndpointId.parse(v.getStringValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
