package dev.sextant.sidecar;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Set;

/** Which headers cross the sidecar, in each direction. */
final class LegHeaders {
    static final String PREFILLER_HEADER = "x-prefiller-host-port";
    static final String REQUEST_ID = "x-request-id";
    /** Set on the response when a prefill leg computed the prompt: where it ran. */
    static final String PREFILLED_BY = "x-sextant-prefilled-by";
    /** Set on the response when the prefill leg failed and the engine computed the prompt itself: why. */
    static final String PREFILL_FALLBACK = "x-sextant-prefill-fallback";

    /** Connection-scoped headers that never cross a proxy, plus the ones Armeria computes itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization", "host",
            "content-length", "http2-settings", "expect");

    private LegHeaders() {}

    /**
     * The client's headers for a request to {@code authority}: hop-by-hop headers and the prefiller
     * header removed, {@code x-request-id} set, the path and method kept.
     */
    static RequestHeaders upstream(RequestHeaders client, String authority, String requestId) {
        RequestHeadersBuilder b = RequestHeaders.builder(client.method(), client.path()).authority(authority);
        copy(client, b, requestId);
        return b.build();
    }

    /** Headers for a JSON POST leg to {@code path} on {@code authority}. */
    static RequestHeaders jsonLeg(RequestHeaders client, String path, String authority, String requestId) {
        RequestHeadersBuilder b = RequestHeaders.builder(HttpMethod.POST, path).authority(authority);
        copy(client, b, requestId);
        return b.contentType(MediaType.JSON_UTF_8).build();
    }

    private static void copy(RequestHeaders client, RequestHeadersBuilder b, String requestId) {
        client.forEach((name, value) -> {
            String n = name.toString().toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n) && !n.equals(PREFILLER_HEADER) && !n.equals(REQUEST_ID)) {
                b.add(AsciiString.of(n), value);
            }
        });
        if (requestId != null) {
            b.set(REQUEST_ID, requestId);
        }
    }

    /** The engine's response headers as the client sees them, plus {@code extraName: extraValue} if given. */
    static ResponseHeaders downstream(ResponseHeaders engine, String extraName, String extraValue) {
        ResponseHeadersBuilder b = ResponseHeaders.builder(engine.status());
        engine.forEach((name, value) -> {
            String n = name.toString().toLowerCase(Locale.ROOT);
            if (!n.startsWith(":") && !HOP_BY_HOP.contains(n)) {
                b.add(AsciiString.of(n), value);
            }
        });
        if (extraName != null) {
            b.set(extraName, extraValue);
        }
        return b.build();
    }
}
