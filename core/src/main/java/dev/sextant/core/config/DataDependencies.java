package dev.sextant.core.config;

import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.Plugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph of data that plugins produce and consume: every consumed key must have a producer
 * (unless it is an endpoint metric), the graph must be acyclic, and producers run before consumers.
 */
final class DataDependencies {
    private final List<Plugin> plugins;
    private final Map<DataKey<?>, List<Plugin>> producers = new HashMap<>();

    DataDependencies(List<Plugin> plugins) {
        this.plugins = List.copyOf(plugins);
        for (Plugin p : plugins) {
            for (DataKey<?> key : p.produces()) {
                producers.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** Problems: consumed keys nobody produces, and dependency cycles. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Plugin p : plugins) {
            for (DataKey<?> key : p.consumes()) {
                if (key.isEndpointMetric()) {
                    continue;
                }
                List<Plugin> byOthers = producers.getOrDefault(key, List.of()).stream().filter(q -> q != p).toList();
                if (byOthers.isEmpty()) {
                    out.add(ConfiguredPlugin.label(p) + " consumes '" + key.name()
                            + "', which no configured plugin produces (expected: add a plugin that produces it)");
                }
            }
        }
        findCycle().ifPresent(cycle -> out.add("data dependency cycle: " + cycle
                + " (expected: no plugin may depend, directly or not, on data it produces itself)"));
        return out;
    }

    /** {@code subset} ordered so that every producer comes before its consumers; ties keep input order. */
    <T extends Plugin> List<T> order(List<T> subset) {
        List<T> out = new ArrayList<>();
        Set<Plugin> done = new LinkedHashSet<>();
        for (T p : subset) {
            visit(p, subset, done, out, new LinkedHashSet<>());
        }
        return out;
    }

    private <T extends Plugin> void visit(T p, List<T> subset, Set<Plugin> done, List<T> out, Set<Plugin> path) {
        if (done.contains(p) || !path.add(p)) {
            return;
        }
        for (Plugin dep : dependencies(p)) {
            if (subset.contains(dep)) {
                @SuppressWarnings("unchecked")
                T t = (T) dep;
                visit(t, subset, done, out, path);
            }
        }
        done.add(p);
        out.add(p);
    }

    /** The plugins producing what {@code p} consumes, other than itself. */
    private List<Plugin> dependencies(Plugin p) {
        List<Plugin> out = new ArrayList<>();
        for (DataKey<?> key : p.consumes()) {
            for (Plugin q : producers.getOrDefault(key, List.of())) {
                if (q != p && !out.contains(q)) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    private Optional<String> findCycle() {
        Map<Plugin, Integer> state = new LinkedHashMap<>();
        for (Plugin p : plugins) {
            List<Plugin> stack = new ArrayList<>();
            Optional<String> cycle = dfs(p, state, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<String> dfs(Plugin p, Map<Plugin, Integer> state, List<Plugin> stack) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null && s == 1) {
            List<Plugin> cycle = new ArrayList<>(stack.subList(stack.indexOf(p), stack.size()));
            cycle.add(p);
            return Optional.of(String.join(" -> ", cycle.stream().map(Plugin::name).toList()));
        }
        state.put(p, 1);
        stack.add(p);
        for (Plugin dep : dependencies(p)) {
            Optional<String> cycle = dfs(dep, state, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        stack.removeLast();
        state.put(p, 2);
        return Optional.empty();
    }
}
