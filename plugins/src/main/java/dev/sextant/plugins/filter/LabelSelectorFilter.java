package dev.sextant.plugins.filter;

import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps only endpoints whose labels match a Kubernetes label selector ({@code matchLabels} and
 * {@code matchExpressions}, the parameters of llm-d's filter of the same name).
 */
public record LabelSelectorFilter(String name, LabelSelector selector) implements Filter {
    public static final String TYPE = "label-selector-filter";

    public static final PluginFactory FACTORY = new SimplePluginFactory(TYPE, Set.of("by-label-selector"),
            "keeps endpoints whose labels match matchLabels / matchExpressions",
            (name, params, ctx) -> new LabelSelectorFilter(name, parseSelector(params)));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void filter(CycleState state, InferenceRequest request, Candidates candidates) {
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            if (!selector.matches(candidates.get(i).endpoint().labels())) {
                candidates.drop(i);
            }
        }
    }

    /** Reads a selector from parameters, recording problems with the path of each bad field. */
    static LabelSelector parseSelector(PluginParameters params) {
        var matchLabels = params.stringMap("matchLabels");
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        List<PluginParameters> expressions = params.objects("matchExpressions");
        for (PluginParameters e : expressions) {
            String key = e.string("key", "");
            e.check(!key.isBlank(), "key", key, "a label key");
            String op = e.string("operator", "");
            LabelSelector.Operator operator = operator(op);
            e.check(operator != null, "operator", op, "one of " + Arrays.toString(LabelSelector.Operator.values()));
            List<String> values = e.strings("values");
            if (operator == LabelSelector.Operator.In || operator == LabelSelector.Operator.NotIn) {
                e.check(!values.isEmpty(), "values", values, "at least one value for " + operator);
            } else if (operator != null) {
                e.check(values.isEmpty(), "values", values, "no values for " + operator);
            }
            if (operator != null && !key.isBlank()) {
                requirements.add(new LabelSelector.Requirement(key, operator, Set.copyOf(values)));
            }
        }
        return new LabelSelector(matchLabels, requirements);
    }

    private static LabelSelector.Operator operator(String name) {
        for (LabelSelector.Operator op : LabelSelector.Operator.values()) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        return null;
    }
}
