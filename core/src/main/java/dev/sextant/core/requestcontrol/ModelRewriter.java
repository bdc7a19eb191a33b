package dev.sextant.core.requestcontrol;

import dev.sextant.core.config.EndpointPickerConfig.ModelRewriteSpec;
import dev.sextant.core.config.EndpointPickerConfig.RewriteTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Decides the model a request is sent to: a configured weighted rule for the incoming model wins,
 * else the {@value #REWRITE_HEADER} header, else the model as sent (REFERENCE §2). Thread-safe.
 */
public final class ModelRewriter {
    /** The header that names a target model when no rule applies. */
    public static final String REWRITE_HEADER = "x-gateway-model-name-rewrite";

    private final Map<String, Rule> rules = new HashMap<>();
    private final RandomGenerator random;

    /** A rule with cumulative weights, ready for one draw. */
    private record Rule(List<RewriteTarget> targets, double[] cumulative, double total) {}

    public ModelRewriter(List<ModelRewriteSpec> specs, RandomGenerator random) {
        this.random = random;
        for (ModelRewriteSpec spec : specs) {
            double[] cumulative = new double[spec.targets().size()];
            double total = 0;
            for (int i = 0; i < cumulative.length; i++) {
                total += spec.targets().get(i).weight();
                cumulative[i] = total;
            }
            if (total > 0) {
                rules.put(spec.model(), new Rule(spec.targets(), cumulative, total));
            }
        }
    }

    /**
     * The target model for a request that asked for {@code incoming}.
     *
     * @param headerValue the value of {@value #REWRITE_HEADER}, or null
     */
    public String targetModel(String incoming, String headerValue) {
        Rule rule = rules.get(incoming);
        if (rule != null) {
            double draw = random.nextDouble() * rule.total();
            for (int i = 0; i < rule.cumulative().length; i++) {
                if (draw < rule.cumulative()[i]) {
                    return rule.targets().get(i).model();
                }
            }
            return rule.targets().getLast().model();
        }
        if (headerValue != null && !headerValue.isBlank()) {
            return headerValue.strip();
        }
        return incoming;
    }
}
