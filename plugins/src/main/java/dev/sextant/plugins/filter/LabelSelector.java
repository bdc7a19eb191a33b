package dev.sextant.plugins.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector: every {@code matchLabels} pair must match and every
 * {@code matchExpressions} requirement must hold. The empty selector matches everything.
 *
 * @param matchLabels labels that must be present with exactly these values
 * @param requirements set-based requirements
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> requirements) {

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        requirements = List.copyOf(requirements);
    }

    /** Whether {@code labels} satisfy this selector. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The operators of {@code matchExpressions}, spelled as Kubernetes spells them. */
    public enum Operator {
        In, NotIn, Exists, DoesNotExist
    }

    /**
     * One {@code matchExpressions} entry.
     *
     * @param key the label key
     * @param operator how the label is tested
     * @param values non-empty for {@code In}/{@code NotIn}, empty for {@code Exists}/{@code DoesNotExist}
     */
    public record Requirement(String key, Operator operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        /** Kubernetes semantics: {@code NotIn} and {@code DoesNotExist} hold when the label is absent. */
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case In -> value != null && values.contains(value);
                case NotIn -> value == null || !values.contains(value);
                case Exists -> value != null;
                case DoesNotExist -> value == null;
            };
        }
    }
}
