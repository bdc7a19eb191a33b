package dev.sextant.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.plugin.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a parsed YAML tree strictly: every unknown key, wrong type and missing field becomes a
 * {@link ConfigProblem} naming its YAML path, and reading goes on so all problems are reported.
 */
final class StrictReader {
    private final List<ConfigProblem> problems;

    StrictReader(List<ConfigProblem> problems) {
        this.problems = problems;
    }

    void problem(String where, String message) {
        problems.add(new ConfigProblem(where, message));
    }

    /** {@code node} as a map, or null (with a problem) when it is something else. */
    ObjectNode object(JsonNode node, String where) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        problem(where, describe(node) + " (expected: a map)");
        return null;
    }

    /** Reports every key of {@code node} not in {@code allowed}. */
    void allowOnly(ObjectNode node, String where, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(join(where, name), "unknown key" + Suggestions.didYouMean(name, allowed)
                        + " (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** A string field; null when absent (problem if {@code required}) or not a string (problem). */
    String string(ObjectNode node, String key, String where, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(join(where, key), "missing (expected: a string)");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(join(where, key), describe(value) + " (expected: a string)");
            return null;
        }
        return value.textValue();
    }

    /** A finite number field; null when absent or invalid (with a problem). */
    Double number(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            problem(join(where, key), describe(value) + " (expected: a number)");
            return null;
        }
        return value.doubleValue();
    }

    /** An integer field; null when absent or invalid (with a problem). */
    Integer integer(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(join(where, key), describe(value) + " (expected: an integer)");
            return null;
        }
        return value.intValue();
    }

    /** A Go-style duration field ({@code 200ms}); null when absent or invalid (with a problem). */
    Duration duration(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            var parsed = GoDuration.parse(value.textValue());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        problem(join(where, key), describe(value) + " (expected: a duration such as 200ms, 5s or 1m30s)");
        return null;
    }

    /** A Kubernetes quantity field ({@code 1Gi}, {@code 1000}); null when absent or invalid (with a problem). */
    Long quantity(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        if (value.isTextual()) {
            var parsed = Quantity.parse(value.textValue());
            if (parsed.isPresent()) {
                return parsed.getAsLong();
            }
        }
        problem(join(where, key), describe(value) + " (expected: a quantity such as 1000, 64Mi or 1Gi)");
        return null;
    }

    /** The elements of a list field; empty when absent, or when not a list (with a problem). */
    List<JsonNode> list(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(join(where, key), describe(value) + " (expected: a list)");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    /** A list of strings; each non-string element is a problem and skipped. */
    List<String> strings(ObjectNode node, String key, String where) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(node, key, where);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                problem(join(where, key) + "[" + i + "]", describe(item) + " (expected: a string)");
            }
        }
        return out;
    }

    static String join(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** How a YAML value is shown in a problem. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return '"' + node.textValue() + '"';
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}
