package dev.sextant.gateway.proxy;

import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.InferenceHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which headers cross the proxy, in each direction. */
final class ForwardedHeaders {
    /** Connection-scoped headers that never cross a proxy, plus the framing headers the proxy sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization", "host",
            "content-length", "http2-settings", "expect");

    private ForwardedHeaders() {}

    /** The headers as a lower-case map (first value of each). */
    static Map<String, String> asMap(HttpHeaders headers) {
        Map<String, String> out = HashMap.newHashMap(headers.size());
        for (Map.Entry<String, String> h : headers) {
            out.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
        }
        return out;
    }

    /**
     * The headers sent to the model server: the client's, minus hop-by-hop headers (also those the
     * client's {@code Connection} header names) and routing headers, with the request id and the
     * pre-request plugins' changes applied. {@code Host} and {@code Content-Length} are the caller's.
     */
    static HttpHeaders upstream(HttpHeaders client, String requestId, Map<String, String> set, Set<String> remove) {
        Set<String> connectionScoped = connectionScoped(client);
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : client) {
            String n = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(n) && !InferenceHeaders.ROUTING.contains(n) && !remove.contains(n)
                    && !set.containsKey(n) && !connectionScoped.contains(n)) {
                out.add(n, h.getValue());
            }
        }
        set.forEach(out::set);
        out.set(InferenceHeaders.REQUEST_ID, requestId);
        return out;
    }

    /**
     * The model server's response headers as the client sees them: hop-by-hop removed, the response
     * plugins' changes applied, and the endpoint that served when {@code endpointHeader} is set.
     */
    static HttpHeaders downstream(HttpHeaders upstream, String endpointHeader, String endpoint, HeaderChanges changes) {
        Set<String> connectionScoped = connectionScoped(upstream);
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : upstream) {
            String n = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(n) && !connectionScoped.contains(n)) {
                out.add(n, h.getValue());
            }
        }
        for (String name : changes.removed()) {
            out.remove(name);
        }
        changes.set().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name)) {
                out.set(name, value);
            }
        });
        if (endpointHeader != null) {
            out.set(endpointHeader, endpoint);
        }
        return out;
    }

    /** The header names a message's {@code Connection} header lists (RFC 9110 §7.6.1), lower case. */
    private static Set<String> connectionScoped(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String token : connection.split(",")) {
            String name = token.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
