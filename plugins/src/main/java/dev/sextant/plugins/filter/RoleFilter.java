package dev.sextant.plugins.filter;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.Set;

/**
 * Keeps the endpoints whose {@value Endpoint#ROLE_LABEL} label allows one stage of disaggregated
 * serving, as llm-d's {@code decode-filter} and {@code prefill-filter} do.
 *
 * <p>The decode filter keeps {@code decode}, {@code prefill-decode}, {@code both},
 * {@code encode-prefill-decode} and endpoints without the label: an unlabelled replica is an
 * ordinary aggregated one, and it can always decode. The prefill filter keeps {@code prefill},
 * {@code encode-prefill}, {@code prefill-decode}, {@code both} and {@code encode-prefill-decode},
 * never an unlabelled endpoint, so a pool without prefill replicas has no prefill candidates.
 *
 * @param name the configured name
 * @param type {@value #DECODE_TYPE} or {@value #PREFILL_TYPE}
 * @param roles the label values kept
 * @param keepsUnlabelled whether an endpoint without the label is kept
 */
public record RoleFilter(String name, String type, Set<String> roles, boolean keepsUnlabelled) implements Filter {
    public static final String DECODE_TYPE = "decode-filter";
    public static final String PREFILL_TYPE = "prefill-filter";

    static final Set<String> DECODE_ROLES = Set.of("decode", "prefill-decode", "both", "encode-prefill-decode");
    static final Set<String> PREFILL_ROLES =
            Set.of("prefill", "encode-prefill", "prefill-decode", "both", "encode-prefill-decode");

    public static final PluginFactory DECODE_FACTORY = SimplePluginFactory.of(DECODE_TYPE,
            "keeps endpoints that can decode (label llm-d.ai/role decode, prefill-decode, both, or no label)",
            (name, params, ctx) -> decode(name));

    public static final PluginFactory PREFILL_FACTORY = SimplePluginFactory.of(PREFILL_TYPE,
            "keeps endpoints that can prefill (label llm-d.ai/role prefill, prefill-decode or both)",
            (name, params, ctx) -> prefill(name));

    public RoleFilter {
        roles = Set.copyOf(roles);
    }

    /** The decode filter under {@code name}. */
    public static RoleFilter decode(String name) {
        return new RoleFilter(name, DECODE_TYPE, DECODE_ROLES, true);
    }

    /** The prefill filter under {@code name}. */
    public static RoleFilter prefill(String name) {
        return new RoleFilter(name, PREFILL_TYPE, PREFILL_ROLES, false);
    }

    @Override
    public void filter(CycleState state, InferenceRequest request, Candidates candidates) {
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            if (!keeps(candidates.get(i).endpoint())) {
                candidates.drop(i);
            }
        }
    }

    /** Whether {@code endpoint} may serve this filter's stage. */
    public boolean keeps(Endpoint endpoint) {
        String role = endpoint.labels().get(Endpoint.ROLE_LABEL);
        return role == null ? keepsUnlabelled : roles.contains(role);
    }
}
