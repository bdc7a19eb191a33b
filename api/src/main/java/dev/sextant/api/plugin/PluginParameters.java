package dev.sextant.api.plugin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code parameters} block of one plugin in a configuration, read strictly.
 *
 * <p>A factory reads each parameter with a typed accessor that names a default. A value of the wrong
 * type is recorded as a problem and the default is returned, so a factory can go on and report every
 * problem at once. Range checks go through {@link #check}. After the factory returns, the engine
 * reports every problem and every key the factory never read (an unknown parameter), each prefixed
 * with the plugin's name and type, e.g.
 * {@code plugin 'prefix' (type prefix-cache-scorer): blockSizeTokens: -1 (expected: > 0)}.
 *
 * <p>{@link #resolved()} returns the effective parameters, defaults included, in the order they were
 * read; {@code sextant config validate} prints it.
 *
 * <p>Values are the plain Java forms a YAML or JSON parser produces: {@link Map}, {@link List},
 * {@link String}, {@link Number}, {@link Boolean} and {@code null}.
 *
 * <p>Not thread-safe: it is used only while a plugin is being created.
 */
public final class PluginParameters {
    private final Map<String, Object> values;
    private final String path;
    private final List<String> problems;
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final Map<String, PluginParameters> children = new LinkedHashMap<>();
    private final Set<String> readKeys = new LinkedHashSet<>();

    private PluginParameters(Map<String, Object> values, String path, List<String> problems) {
        this.values = values;
        this.path = path;
        this.problems = problems;
    }

    /** Parameters backed by {@code values} (keys are parameter names). The map is copied. */
    public static PluginParameters of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return new PluginParameters(new LinkedHashMap<>(values), "", new ArrayList<>());
    }

    /** Parameters with no keys: every accessor returns its default. */
    public static PluginParameters empty() {
        return of(Map.of());
    }

    /** Whether the configuration gives a value (even {@code null}) for {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** An integer parameter, or {@code defaultValue} when absent. Integral floats such as 2.0 are accepted. */
    public int integer(String key, int defaultValue) {
        long value = longValue(key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            typeProblem(key, values.get(key), "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            return remember(key, defaultValue);
        }
        return remember(key, (int) value);
    }

    /** A 64-bit integer parameter, or {@code defaultValue} when absent. */
    public long longValue(String key, long defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return remember(key, defaultValue);
        }
        Long value = asLong(raw);
        if (value == null) {
            typeProblem(key, raw, "an integer");
            return remember(key, defaultValue);
        }
        return remember(key, value);
    }

    /** A floating-point parameter, or {@code defaultValue} when absent. NaN and infinities are refused. */
    public double number(String key, double defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return remember(key, defaultValue);
        }
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
            return remember(key, n.doubleValue());
        }
        typeProblem(key, raw, "a number");
        return remember(key, defaultValue);
    }

    /** A boolean parameter, or {@code defaultValue} when absent. Only {@code true} and {@code false}. */
    public boolean flag(String key, boolean defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return remember(key, defaultValue);
        }
        if (raw instanceof Boolean b) {
            return remember(key, b);
        }
        typeProblem(key, raw, "true or false");
        return remember(key, defaultValue);
    }

    /** A string parameter, or {@code defaultValue} when absent. Numbers and booleans are not strings. */
    public String string(String key, String defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return remember(key, defaultValue);
        }
        if (raw instanceof String s) {
            return remember(key, s);
        }
        typeProblem(key, raw, "a string");
        return remember(key, defaultValue);
    }

    /** A string parameter that has no default: empty when absent. */
    public Optional<String> string(String key) {
        Object raw = raw(key);
        if (raw == null) {
            markRead(key);
            return Optional.empty();
        }
        if (raw instanceof String s) {
            return Optional.of(remember(key, s));
        }
        typeProblem(key, raw, "a string");
        return Optional.empty();
    }

    /**
     * A duration written the way Go and Kubernetes write them ({@code 200ms}, {@code 5s},
     * {@code 1m30s}, {@code 1.5h}), or {@code defaultValue} when absent.
     */
    public Duration duration(String key, Duration defaultValue) {
        Object raw = raw(key);
        if (raw == null) {
            return remember(key, defaultValue);
        }
        if (raw instanceof String s) {
            Optional<Duration> parsed = GoDuration.parse(s);
            if (parsed.isPresent()) {
                return remember(key, parsed.get());
            }
        }
        typeProblem(key, raw, "a duration such as 200ms, 5s or 1m30s");
        return remember(key, defaultValue);
    }

    /** A list of strings; empty when absent. A single string is accepted as a list of one. */
    public List<String> strings(String key) {
        Object raw = raw(key);
        if (raw == null) {
            markRead(key);
            return List.of();
        }
        if (raw instanceof String s) {
            return remember(key, List.of(s));
        }
        if (raw instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s) {
                    out.add(s);
                } else {
                    typeProblem(key + "[" + i + "]", list.get(i), "a string");
                }
            }
            return remember(key, List.copyOf(out));
        }
        typeProblem(key, raw, "a list of strings");
        markRead(key);
        return List.of();
    }

    /** A map of strings to strings (such as {@code matchLabels}); empty when absent. */
    public Map<String, String> stringMap(String key) {
        Object raw = raw(key);
        if (raw == null) {
            markRead(key);
            return Map.of();
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof String s) {
                    out.put(String.valueOf(e.getKey()), s);
                } else {
                    typeProblem(key + "." + e.getKey(), e.getValue(), "a string");
                }
            }
            return remember(key, Collections.unmodifiableMap(out));
        }
        typeProblem(key, raw, "a map of strings");
        markRead(key);
        return Map.of();
    }

    /** A nested block of parameters; empty parameters when absent. */
    public PluginParameters object(String key) {
        Object raw = raw(key);
        markRead(key);
        Map<String, Object> map = Map.of();
        if (raw instanceof Map<?, ?> m) {
            map = copyKeysAsStrings(m);
        } else if (raw != null) {
            typeProblem(key, raw, "a map");
        }
        PluginParameters child = new PluginParameters(map, path + key + ".", problems);
        children.put(key, child);
        resolved.put(key, child.resolved);
        return child;
    }

    /** A list of nested blocks (such as {@code matchExpressions}); empty when absent. */
    public List<PluginParameters> objects(String key) {
        Object raw = raw(key);
        markRead(key);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            typeProblem(key, raw, "a list");
            return List.of();
        }
        List<PluginParameters> out = new ArrayList<>(list.size());
        List<Object> resolvedList = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String childKey = key + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> m) {
                PluginParameters child = new PluginParameters(copyKeysAsStrings(m), path + childKey + ".", problems);
                children.put(childKey, child);
                out.add(child);
                resolvedList.add(child.resolved);
            } else {
                typeProblem(childKey, list.get(i), "a map");
            }
        }
        resolved.put(key, resolvedList);
        return List.copyOf(out);
    }

    /**
     * Records a problem unless {@code ok}: {@code key: value (expected: expected)}.
     *
     * @return {@code ok}, so a factory can write {@code if (!params.check(...)) ...}
     */
    public boolean check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            problems.add(path + key + ": " + show(value) + " (expected: " + expected + ")");
        }
        return ok;
    }

    /** Records a problem about {@code key} in free form: {@code key: message}. */
    public void problem(String key, String message) {
        problems.add(path + key + ": " + message);
    }

    /** Every problem recorded so far, in this block and its nested blocks, in order. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Keys given in the configuration that no accessor read, nested ones with their full path. */
    public List<String> unknownKeys() {
        List<String> out = new ArrayList<>();
        Set<String> read = readKeys;
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                out.add(path + key);
            }
        }
        for (PluginParameters child : children.values()) {
            out.addAll(child.unknownKeys());
        }
        return out;
    }

    /** The keys this block accepts, as learned from what the factory read. */
    public Set<String> knownKeys() {
        return Collections.unmodifiableSet(readKeys);
    }

    /** The effective parameters, defaults included, in the order they were read. */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(resolved);
    }

    private Object raw(String key) {
        Objects.requireNonNull(key, "key");
        return values.get(key);
    }

    private void markRead(String key) {
        readKeys.add(key);
    }

    private <T> T remember(String key, T value) {
        readKeys.add(key);
        if (value != null) {
            resolved.put(key, value);
        }
        return value;
    }

    private void typeProblem(String key, Object raw, String expected) {
        check(false, key, raw, expected);
    }

    private static Long asLong(Object raw) {
        return switch (raw) {
            case Integer i -> (long) i;
            case Long l -> l;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b when b.bitLength() < 64 -> b.longValue();
            case BigDecimal d -> {
                try {
                    yield d.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p53 -> d.longValue();
            case Float f when f == Math.rint(f) && Math.abs(f) < 0x1p24 -> f.longValue();
            default -> null;
        };
    }

    private static Map<String, Object> copyKeysAsStrings(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** How a configured value is shown in a problem: strings quoted, the rest as written. */
    static String show(Object value) {
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?> list) {
            String text = list.toString();
            return text.length() <= 60 && list.stream().noneMatch(v -> v instanceof Map || v instanceof List)
                    ? text : "a list";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "PluginParameters" + values;
    }
}
