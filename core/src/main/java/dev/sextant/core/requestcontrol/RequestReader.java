package dev.sextant.core.requestcontrol;

import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.core.parsing.ParsedBody;
import dev.sextant.core.parsing.RequestBodyParser;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns what a front received (API, headers, body) into the protocol-neutral {@link InferenceRequest}.
 * Shared by both fronts so they parse identically. Routing headers a client sent are dropped here.
 */
public final class RequestReader {
    /** Longest request id kept as sent; a longer or non-printable one is replaced. */
    static final int MAX_REQUEST_ID_LENGTH = 256;

    private RequestReader() {}

    /** A request read from a front: the neutral request and, when there was a body, what was parsed from it. */
    public record Read(InferenceRequest request, ParsedBody body) {}

    /**
     * Reads a request.
     *
     * @param apiKind the API, from the request path; {@link ApiKind#OTHER} for requests routed without a body
     * @param headers request headers (any case)
     * @param body the body, or null for a headers-only request
     * @param receivedAtNanos clock reading when the request arrived
     * @throws dev.sextant.core.parsing.InvalidRequestException when the body is invalid for the API
     */
    public static Read read(ApiKind apiKind, Map<String, String> headers, byte[] body, long receivedAtNanos) {
        Objects.requireNonNull(apiKind, "apiKind");
        Objects.requireNonNull(headers, "headers");
        Map<String, String> clean = new HashMap<>(headers.size() + 1);
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!InferenceHeaders.ROUTING.contains(lower) && !lower.startsWith(":")) {
                clean.put(lower, value);
            }
        });
        String requestId = clean.get(InferenceHeaders.REQUEST_ID);
        if (!isUsableId(requestId)) {
            requestId = randomId();
            clean.put(InferenceHeaders.REQUEST_ID, requestId);
        }
        InferenceRequest.Builder b = InferenceRequest.builder(requestId)
                .apiKind(apiKind)
                .headers(clean)
                .objective(clean.getOrDefault(InferenceHeaders.OBJECTIVE, "").strip())
                .fairnessId(clean.get(InferenceHeaders.FAIRNESS_ID))
                .receivedAtNanos(receivedAtNanos);
        ParsedBody parsed = null;
        if (body != null && apiKind != ApiKind.OTHER) {
            parsed = RequestBodyParser.parse(apiKind, body);
            b.model(parsed.model()).prompt(parsed.prompt()).cacheSalt(parsed.cacheSalt()).streaming(parsed.stream())
                    .bodySizeBytes(body.length);
        } else if (body != null) {
            b.bodySizeBytes(body.length);
        }
        return new Read(b.build(), parsed);
    }

    private static boolean isUsableId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version-4 UUID from a fast, non-cryptographic generator: request ids only need to be unique,
     * and {@link UUID#randomUUID()} takes a lock around the operating system's secure random source
     * on every request.
     */
    private static String randomId() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
