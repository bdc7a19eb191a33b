package dev.sextant.plugins.scorer;

import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.ResponseInfo;
import dev.sextant.api.requestcontrol.ResponseReceived;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import dev.sextant.plugins.SimplePluginFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * llm-d's session-affinity scorer: keeps a client's conversation on the endpoint that served it
 * before. Every response carries the header {@value #HEADER}, the standard base64 of the serving
 * endpoint's {@code ip:port}; a client that sends it back gets that endpoint scored 1 and every other
 * candidate 0. The token is only a hint among the candidates the filters left: it never adds an
 * endpoint, so a forged or stale token can at worst change which candidate wins.
 *
 * <p>A token also matches an endpoint whose name it encodes, so tokens llm-d issued (base64 of the
 * pod's {@code namespace/name}) keep working when endpoints are named that way. Tokens that are not
 * valid base64 or are longer than {@value #MAX_TOKEN_CHARS} characters are ignored.
 *
 * <p>Stateless and thread-safe.
 */
public record SessionAffinityScorer(String name) implements Scorer, ResponseReceived {
    public static final String TYPE = "session-affinity-scorer";

    /** The request and response header that carries the session token. */
    public static final String HEADER = "x-session-token";

    /** Longest token considered; longer ones are ignored rather than decoded. */
    public static final int MAX_TOKEN_CHARS = 1024;

    public static final PluginFactory FACTORY = SimplePluginFactory.of(TYPE,
            "keeps a session on the endpoint named by the x-session-token header (llm-d)",
            (name, params, ctx) -> new SessionAffinityScorer(name));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ScorerCategory category() {
        return ScorerCategory.AFFINITY;
    }

    @Override
    public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
        String session = decode(request.header(HEADER));
        if (session == null) {
            return;
        }
        for (int i = 0; i < candidates.size(); i++) {
            EndpointSnapshot candidate = candidates.get(i);
            boolean match = session.equals(candidate.id().toString()) || session.equals(candidate.endpoint().name());
            scores[i] = match ? 1.0 : 0.0;
        }
    }

    @Override
    public void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response) {
        // Everything happens in the variant that may change the response headers.
    }

    @Override
    public void responseReceived(CycleState state, InferenceRequest request, ResponseInfo response,
            HeaderMutations responseHeaders) {
        responseHeaders.set(HEADER, encode(response.endpoint()));
    }

    /** The token naming {@code endpoint}. */
    public static String encode(EndpointId endpoint) {
        return Base64.getEncoder().encodeToString(endpoint.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code token} names, or {@code null} when it is absent, too long or not base64. */
    static String decode(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(token.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
