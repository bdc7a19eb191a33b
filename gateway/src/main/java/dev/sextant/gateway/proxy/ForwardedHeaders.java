package dev.sextant.gateway.proxy;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.SessionProtocol;
import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.InferenceHeaders;
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which headers cross the proxy, in each direction. */
final class ForwardedHeaders {
    /** Connection-scoped headers that never cross a proxy, plus the ones Armeria computes itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization", "host",
            "content-length", "http2-settings", "expect");

    private ForwardedHeaders() {}

    /** The client's headers as a lower-case map (first value of each), pseudo-headers left out. */
    static Map<String, String> asMap(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach((name, value) -> {
            String n = name.toString();
            if (!n.startsWith(":")) {
                out.putIfAbsent(n.toLowerCase(Locale.ROOT), value);
            }
        });
        return out;
    }

    /**
     * The headers sent to the model server: the client's, minus hop-by-hop and routing headers, with
     * the request id and the pre-request plugins' changes applied.
     */
    static RequestHeaders upstream(RequestHeaders client, String authority, String requestId,
            Map<String, String> set, Set<String> remove) {
        RequestHeadersBuilder b = RequestHeaders.builder(client.method(), client.path())
                .scheme(SessionProtocol.H1C)
                .authority(authority);
        client.forEach((name, value) -> {
            String n = name.toString().toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n) && !InferenceHeaders.ROUTING.contains(n)
                    && !remove.contains(n) && !set.containsKey(n)) {
                b.add(AsciiString.of(n), value);
            }
        });
        set.forEach(b::set);
        b.set(InferenceHeaders.REQUEST_ID, requestId);
        return b.build();
    }

    /** The model server's response headers as the client sees them: hop-by-hop removed. */
    static ResponseHeaders downstream(ResponseHeaders upstream, String endpointHeader, String endpoint) {
        return downstream(upstream, endpointHeader, endpoint, new HeaderChanges());
    }

    /** As {@link #downstream(ResponseHeaders, String, String)}, with the changes response plugins made. */
    static ResponseHeaders downstream(ResponseHeaders upstream, String endpointHeader, String endpoint,
            HeaderChanges changes) {
        ResponseHeadersBuilder b = ResponseHeaders.builder(upstream.status());
        upstream.forEach((name, value) -> {
            String n = name.toString().toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n)) {
                b.add(AsciiString.of(n), value);
            }
        });
        for (String name : changes.removed()) {
            b.remove(name);
        }
        changes.set().forEach((name, value) -> {
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(name)) {
                b.set(name, value);
            }
        });
        if (endpointHeader != null) {
            b.set(endpointHeader, endpoint);
        }
        return b.build();
    }
}
