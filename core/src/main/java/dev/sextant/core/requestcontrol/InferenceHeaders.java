package dev.sextant.core.requestcontrol;

import java.util.Set;

/** The headers of the Endpoint Picker Protocol and the routing headers clients must not set. */
public final class InferenceHeaders {
    private InferenceHeaders() {}

    public static final String REQUEST_ID = "x-request-id";
    public static final String FAIRNESS_ID = "x-gateway-inference-fairness-id";
    public static final String OBJECTIVE = "x-gateway-inference-objective";
    public static final String MODEL_REWRITE = ModelRewriter.REWRITE_HEADER;
    public static final String DESTINATION_ENDPOINT = "x-gateway-destination-endpoint";
    public static final String DESTINATION_SUBSET = "x-gateway-destination-endpoint-subset";
    public static final String DESTINATION_SERVED = "x-gateway-destination-endpoint-served";
    public static final String PREFILLER_HOST_PORT = "x-prefiller-host-port";
    /** A shorter time a request may wait in flow control (Go duration, e.g. {@code 2s}); Sextant's own. */
    public static final String REQUEST_TTL = "x-sextant-request-ttl";

    /**
     * Headers that choose or reveal a destination. A client that sends them must not steer routing,
     * so the fronts delete them from incoming requests before anything else reads them.
     */
    public static final Set<String> ROUTING = Set.of(DESTINATION_ENDPOINT, DESTINATION_SUBSET, DESTINATION_SERVED,
            PREFILLER_HOST_PORT, "x-gateway-destination-endpoint-fallback");
}
