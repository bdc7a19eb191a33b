package dev.sextant.bench.workload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a workload file (YAML) strictly: unknown keys, wrong types and out-of-range values are all
 * reported at once, each with its line and field, e.g. {@code shop.yaml:4: groups: -1 (expected: >= 1)}.
 *
 * <pre>
 * kind: shared-prefix            # shared-prefix | multi-turn | random | trace
 * name: shop                     # optional: defaults to the file name
 * seed: 7                        # optional: --seed overrides it
 * groups: 150                    # the kind's own fields (see docs/bench.md)
 * ...
 * arrivals:                      # not for trace
 *   rate: 10                     # requests per second (sessions per second for multi-turn)
 *   duration: 60s                # or stages: [{rate: 3, duration: 20s}, ...]
 *   maxRequests: 5000            # optional cap
 * </pre>
 */
public final class WorkloadParser {
    static final long MAX_FILE_BYTES = 1L << 20;

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> COMMON = Set.of("kind", "name", "seed", "arrivals");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "shared-prefix", Set.of("groups", "prefixTokens", "usersPerGroup", "questionTokens", "outputTokens"),
            "multi-turn", Set.of("systemPromptTokens", "turns", "questionTokens", "outputTokens", "thinkTime"),
            "random", Set.of("inputTokens", "outputTokens"),
            "trace", Set.of("file", "blockSize", "speedup"));

    private final String source;
    private final Path baseDir;
    private final Map<String, Integer> lines;
    private final List<String> problems = new ArrayList<>();

    private WorkloadParser(String source, Path baseDir, Map<String, Integer> lines) {
        this.source = source;
        this.baseDir = baseDir;
        this.lines = lines;
    }

    /**
     * Reads a workload file; a trace's {@code file} is resolved against the file's directory.
     *
     * @throws WorkloadException listing every problem, each with its line and field
     */
    public static Workload parse(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new WorkloadException(file + ": larger than " + MAX_FILE_BYTES + " bytes (expected: a workload file)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WorkloadException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new WorkloadException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new WorkloadException(file + ": cannot read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), name, dir);
    }

    /**
     * Reads workload text.
     *
     * @param source the name used in messages
     * @param defaultName the workload's name when the text gives none
     * @param baseDir where a trace's relative {@code file} is found
     * @throws WorkloadException listing every problem
     */
    public static Workload parse(String text, String source, String defaultName, Path baseDir) {
        JsonNode root;
        Map<String, Integer> lines = new HashMap<>();
        try {
            root = YAML.readTree(text);
            recordLines(text, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new WorkloadException(source + (line > 0 ? ":" + line : "") + ": invalid YAML: " + e.getOriginalMessage());
        }
        WorkloadParser p = new WorkloadParser(source, baseDir, lines);
        Workload w = p.workload(root, defaultName);
        if (!p.problems.isEmpty() || w == null) {
            throw new WorkloadException(String.join("\n", p.problems));
        }
        return w;
    }

    /** Remembers the line of every value, by JSON pointer, for messages. */
    private static void recordLines(String text, Map<String, Integer> lines) {
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && t != JsonToken.FIELD_NAME) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        pointer = parser.getParsingContext().getParent() == null ? ""
                                : parser.getParsingContext().getParent().pathAsPointer().toString();
                    }
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // The tree was read already; lines are only a nicety.
        }
    }

    private Workload workload(JsonNode root, String defaultName) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problem("", "", "an empty document (expected: a workload with at least 'kind')");
            return null;
        }
        if (!(root instanceof ObjectNode top)) {
            problem("", "", describe(root) + " (expected: a map with 'kind')");
            return null;
        }
        String kind = string(top, "kind", "");
        if (kind == null) {
            if (!top.has("kind")) {
                problem("kind", "/kind", "missing (expected: one of " + String.join(", ", new TreeSet<>(FIELDS.keySet())) + ")");
            }
            return null;
        }
        Set<String> own = FIELDS.get(kind);
        if (own == null) {
            problem("kind", "/kind", "'" + kind + "' (expected: one of " + String.join(", ", new TreeSet<>(FIELDS.keySet())) + ")");
            return null;
        }
        Set<String> allowed = new TreeSet<>(COMMON);
        allowed.addAll(own);
        allowOnly(top, "", allowed);
        String name = top.has("name") ? string(top, "name", "") : defaultName;
        Long seed = top.has("seed") ? integer(top, "seed", "", Long.MIN_VALUE, Long.MAX_VALUE) : null;
        WorkloadSpec spec = spec(kind, top);
        ArrivalSchedule arrivals = null;
        if (kind.equals("trace")) {
            if (top.has("arrivals")) {
                problem("arrivals", "/arrivals", "not allowed for a trace (expected: arrival times from the trace's timestamps)");
            }
        } else if (!top.has("arrivals")) {
            problem("arrivals", "/arrivals", "missing (expected: {rate, duration} or {stages: [...]})");
        } else {
            arrivals = arrivals(top.get("arrivals"));
        }
        if (!problems.isEmpty() || spec == null || name == null) {
            return null;
        }
        return new Workload(name, spec, arrivals, seed);
    }

    private WorkloadSpec spec(String kind, ObjectNode top) {
        return switch (kind) {
            case "shared-prefix" -> {
                Long groups = required(top, "groups", 1, 1_000_000);
                Long prefix = required(top, "prefixTokens", 0, 1_000_000);
                Long users = required(top, "usersPerGroup", 1, 1_000_000);
                Long question = required(top, "questionTokens", 1, 1_000_000);
                Long output = required(top, "outputTokens", 1, 1_000_000);
                if (groups == null || prefix == null || users == null || question == null || output == null) {
                    yield null;
                }
                if (groups * users > 10_000_000) {
                    problem("usersPerGroup", "/usersPerGroup", groups * users + " prompts in all (expected: at most 10000000)");
                    yield null;
                }
                yield new WorkloadSpec.SharedPrefix(groups.intValue(), prefix.intValue(), users.intValue(),
                        question.intValue(), output.intValue());
            }
            case "multi-turn" -> {
                Long system = top.has("systemPromptTokens") ? required(top, "systemPromptTokens", 0, 1_000_000) : Long.valueOf(0);
                Long turns = required(top, "turns", 1, 10_000);
                LengthRange question = range(top, "questionTokens");
                LengthRange output = range(top, "outputTokens");
                Duration think = top.has("thinkTime") ? duration(top, "thinkTime", "") : Duration.ZERO;
                if (system == null || turns == null || question == null || output == null || think == null) {
                    yield null;
                }
                yield new WorkloadSpec.MultiTurn(system.intValue(), turns.intValue(), question, output, think);
            }
            case "random" -> {
                LengthRange input = range(top, "inputTokens");
                LengthRange output = range(top, "outputTokens");
                yield input == null || output == null ? null : new WorkloadSpec.RandomPrompts(input, output);
            }
            case "trace" -> {
                String file = string(top, "file", "");
                if (file == null && !top.has("file")) {
                    problem("file", "/file", "missing (expected: the path of a JSONL trace)");
                }
                Long block = top.has("blockSize") ? required(top, "blockSize", 1, 1_000_000) : Long.valueOf(512);
                Double speedup = top.has("speedup") ? positiveNumber(top, "speedup") : Double.valueOf(1.0);
                if (file == null || block == null || speedup == null) {
                    yield null;
                }
                Path path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
                yield new WorkloadSpec.TraceReplay(path, block.intValue(), speedup);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private ArrivalSchedule arrivals(JsonNode node) {
        if (!(node instanceof ObjectNode a)) {
            problem("arrivals", "/arrivals", describe(node) + " (expected: {rate, duration} or {stages: [...]})");
            return null;
        }
        allowOnly(a, "arrivals", Set.of("rate", "duration", "stages", "maxRequests"));
        long max = 0;
        if (a.has("maxRequests")) {
            Long m = integer(a, "maxRequests", "arrivals", 1, Long.MAX_VALUE);
            max = m == null ? 0 : m;
        }
        List<Stage> stages = new ArrayList<>();
        if (a.has("stages")) {
            if (a.has("rate") || a.has("duration")) {
                problem("arrivals", "/arrivals", "both stages and rate/duration (expected: one or the other)");
                return null;
            }
            JsonNode list = a.get("stages");
            if (!(list instanceof ArrayNode array) || array.isEmpty()) {
                problem("arrivals.stages", "/arrivals/stages", describe(list) + " (expected: a non-empty list of {rate, duration})");
                return null;
            }
            for (int i = 0; i < array.size(); i++) {
                String where = "arrivals.stages[" + i + "]";
                String pointer = "/arrivals/stages/" + i;
                if (!(array.get(i) instanceof ObjectNode s)) {
                    problem(where, pointer, describe(array.get(i)) + " (expected: {rate, duration})");
                    continue;
                }
                Stage stage = stage(s, where);
                if (stage != null) {
                    stages.add(stage);
                }
            }
        } else {
            Stage stage = stage(a, "arrivals");
            if (stage != null) {
                stages.add(stage);
            }
        }
        return stages.isEmpty() || !problems.isEmpty() ? null : new ArrivalSchedule(stages, max);
    }

    private Stage stage(ObjectNode s, String where) {
        if (!where.equals("arrivals")) {
            allowOnly(s, where, Set.of("rate", "duration"));
        }
        if (!s.has("rate")) {
            problem(join(where, "rate"), pointer(where, "rate"), "missing (expected: arrivals per second >= 0)");
        }
        if (!s.has("duration")) {
            problem(join(where, "duration"), pointer(where, "duration"), "missing (expected: a duration such as 60s)");
        }
        Double rate = s.has("rate") ? number(s, "rate", where, 0) : null;
        Duration duration = s.has("duration") ? duration(s, "duration", where) : null;
        if (rate == null || duration == null) {
            return null;
        }
        if (duration.isZero()) {
            problem(join(where, "duration"), pointer(where, "duration"), "0s (expected: > 0)");
            return null;
        }
        return new Stage(rate, duration);
    }

    // ------------------------------------------------------------ fields

    private Long required(ObjectNode node, String key, long min, long max) {
        if (!node.has(key)) {
            problem(key, "/" + key, "missing (expected: an integer " + min + ".." + max + ")");
            return null;
        }
        return integer(node, key, "", min, max);
    }

    private Long integer(ObjectNode node, String key, String where, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            String range = max == Long.MAX_VALUE ? ">= " + min : min + ".." + max;
            problem(join(where, key), pointer(where, key), describe(v) + " (expected: an integer " + range + ")");
            return null;
        }
        return v.longValue();
    }

    private Double number(ObjectNode node, String key, String where, double min) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min) {
            problem(join(where, key), pointer(where, key), describe(v) + " (expected: a number >= " + fmt(min) + ")");
            return null;
        }
        return v.doubleValue();
    }

    private Double positiveNumber(ObjectNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() <= 0) {
            problem(key, "/" + key, describe(v) + " (expected: a number > 0)");
            return null;
        }
        return v.doubleValue();
    }

    private String string(ObjectNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            if (v != null) {
                problem(join(where, key), pointer(where, key), describe(v) + " (expected: a non-blank string)");
            }
            return null;
        }
        return v.textValue();
    }

    private Duration duration(ObjectNode node, String key, String where) {
        JsonNode v = node.get(key);
        java.util.Optional<Duration> d = v == null ? java.util.Optional.empty()
                : v.isNumber() ? Durations.parse(v.asText()) : v.isTextual() ? Durations.parse(v.textValue())
                : java.util.Optional.empty();
        if (d.isEmpty()) {
            problem(join(where, key), pointer(where, key), describe(v) + " (expected: a duration such as 20s, or seconds)");
            return null;
        }
        return d.get();
    }

    private LengthRange range(ObjectNode node, String key) {
        JsonNode v = node.get(key);
        String expected = " (expected: a token count >= 1, or {min, max})";
        if (v == null) {
            problem(key, "/" + key, "missing" + expected);
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 1) {
            return LengthRange.of(v.intValue());
        }
        if (v instanceof ObjectNode o) {
            allowOnly(o, key, Set.of("min", "max"));
            Long min = o.has("min") ? integer(o, "min", key, 1, 10_000_000) : null;
            Long max = o.has("max") ? integer(o, "max", key, 1, 10_000_000) : null;
            if (!o.has("min") || !o.has("max")) {
                problem(key, "/" + key, "needs both min and max" + expected);
                return null;
            }
            if (min == null || max == null) {
                return null;
            }
            if (max < min) {
                problem(key + ".max", "/" + key + "/max", max + " (expected: >= min " + min + ")");
                return null;
            }
            return new LengthRange(min.intValue(), max.intValue());
        }
        problem(key, "/" + key, describe(v) + expected);
        return null;
    }

    private void allowOnly(ObjectNode node, String where, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(join(where, name), pointer(where, name), "unknown key (expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private void problem(String field, String pointer, String message) {
        // A missing key has no line of its own: name the line of the map that lacks it.
        Integer line = lines.get(pointer);
        for (String p = pointer; line == null && p.lastIndexOf('/') > 0; ) {
            p = p.substring(0, p.lastIndexOf('/'));
            line = lines.get(p);
        }
        problems.add(source + (line == null ? "" : ":" + line) + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }

    private static String join(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    private static String pointer(String where, String key) {
        String path = join(where, key).replaceAll("\\[(\\d+)]", ".$1");
        return "/" + path.replace('.', '/');
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a map";
        }
        if (v.isArray()) {
            return "a list";
        }
        String text = v.isTextual() ? "'" + v.textValue() + "'" : v.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
