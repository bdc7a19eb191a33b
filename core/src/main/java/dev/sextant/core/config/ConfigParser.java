package dev.sextant.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sextant.core.config.EndpointPickerConfig.DataLayerSpec;
import dev.sextant.core.config.EndpointPickerConfig.DataSourceSpec;
import dev.sextant.core.config.EndpointPickerConfig.FlowControlSpec;
import dev.sextant.core.config.EndpointPickerConfig.ModelRewriteSpec;
import dev.sextant.core.config.EndpointPickerConfig.ObjectiveSpec;
import dev.sextant.core.config.EndpointPickerConfig.RewriteTarget;
import dev.sextant.core.config.EndpointPickerConfig.PluginRef;
import dev.sextant.core.config.EndpointPickerConfig.PluginSpec;
import dev.sextant.core.config.EndpointPickerConfig.PriorityBandSpec;
import dev.sextant.core.config.EndpointPickerConfig.ProfileSpec;
import dev.sextant.core.config.EndpointPickerConfig.SaturationDetectorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code EndpointPickerConfig} YAML strictly: unknown keys, wrong types and missing fields are
 * problems naming their YAML path; every problem is collected before failing.
 *
 * <p>Only the document's structure is checked here. References between plugins and profiles,
 * plugin parameters and data dependencies are checked by {@link ConfigCompiler}.
 */
public final class ConfigParser {
    /** The apiVersion of GIE and llm-d configurations. */
    public static final String GIE_API_VERSION = "inference.networking.x-k8s.io/v1alpha1";

    /** The apiVersion llm-d's own sample configurations use (deploy/config in llm-d). */
    public static final String LLM_D_API_VERSION = "llm-d.ai/v1alpha1";

    /** Sextant's own apiVersion for the same document. */
    public static final String SEXTANT_API_VERSION = "config.sextant.dev/v1alpha1";

    /** The only kind accepted. */
    public static final String KIND = "EndpointPickerConfig";

    /** A file so large it cannot be a configuration; refused before parsing. */
    static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

    private static final Set<String> TOP_KEYS = Set.of("apiVersion", "kind", "featureGates", "plugins",
            "schedulingProfiles", "saturationDetector", "dataLayer", "data", "flowControl", "modelRewrites", "objectives");

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigParser() {}

    /**
     * Reads a configuration file as text.
     *
     * @throws ConfigException when it is missing, too large, unreadable or not UTF-8
     */
    static String read(Path file) {
        String source = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(source, List.of(new ConfigProblem("",
                        Files.exists(file) ? "not a regular file" : "no such file")));
            }
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ConfigException(source, List.of(new ConfigProblem("", "file is " + Files.size(file)
                        + " bytes (expected: at most " + MAX_CONFIG_BYTES + ")")));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "not valid UTF-8 text")));
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "cannot read: " + e.getMessage())));
        }
    }

    /**
     * Reads and parses a configuration file.
     *
     * @throws ConfigException listing every problem found
     */
    public static EndpointPickerConfig parse(Path file) {
        return parse(read(file), file.toString());
    }

    /**
     * Parses configuration text. An empty document (nothing but whitespace and comments) means
     * "no configuration": the {@linkplain DefaultConfig default} is returned, as GIE does.
     *
     * @param source a label for error messages, usually the file name
     * @throws ConfigException listing every problem found
     */
    public static EndpointPickerConfig parse(String yaml, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        EndpointPickerConfig config = parse(yaml, source, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    /**
     * Parses configuration text, adding problems to {@code problems} instead of throwing, and returns
     * as much of the document as could be read, so later stages can report their problems too.
     *
     * @return the document read, or null when it could not be read at all (not YAML, not a map)
     */
    public static EndpointPickerConfig parse(String yaml, String source, List<ConfigProblem> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            problems.add(new ConfigProblem(where, "not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return DefaultConfig.raw();
        }
        return new Reading(new StrictReader(problems), source).document(root);
    }

    /** One pass over one document. */
    private record Reading(StrictReader in, String source) {

        EndpointPickerConfig document(JsonNode root) {
            ObjectNode doc = in.object(root, "");
            if (doc == null) {
                return null;
            }
            in.allowOnly(doc, "", TOP_KEYS);
            String apiVersion = in.string(doc, "apiVersion", "", true);
            if (apiVersion != null && !apiVersion.equals(GIE_API_VERSION) && !apiVersion.equals(LLM_D_API_VERSION)
                    && !apiVersion.equals(SEXTANT_API_VERSION)) {
                in.problem("apiVersion", '"' + apiVersion + "\" (expected: " + GIE_API_VERSION + ", "
                        + LLM_D_API_VERSION + " or " + SEXTANT_API_VERSION + ")");
            }
            String kind = in.string(doc, "kind", "", true);
            if (kind != null && !kind.equals(KIND)) {
                in.problem("kind", '"' + kind + "\" (expected: " + KIND + ")");
            }
            List<String> gates = in.strings(doc, "featureGates", "");
            for (int i = 0; i < gates.size(); i++) {
                if (!FeatureGates.KNOWN.contains(gates.get(i))) {
                    in.problem("featureGates[" + i + "]", "unknown feature gate \"" + gates.get(i) + '"'
                            + Suggestions.didYouMean(gates.get(i), FeatureGates.KNOWN) + " (expected one of: "
                            + String.join(", ", new java.util.TreeSet<>(FeatureGates.KNOWN)) + ")");
                }
            }
            if (doc.has("dataLayer") && doc.has("data")) {
                in.problem("data", "given together with dataLayer (expected: only one; 'data' is the pre-v1.5 name)");
            }
            String dataKey = doc.has("dataLayer") ? "dataLayer" : "data";
            return new EndpointPickerConfig(source, apiVersion, kind, gates, plugins(doc), profiles(doc),
                    saturationDetector(doc), dataLayer(doc, dataKey), flowControl(doc), modelRewrites(doc),
                    objectives(doc));
        }

        List<PluginSpec> plugins(ObjectNode doc) {
            List<PluginSpec> out = new ArrayList<>();
            List<JsonNode> items = in.list(doc, "plugins", "");
            for (int i = 0; i < items.size(); i++) {
                String where = "plugins[" + i + "]";
                ObjectNode item = in.object(items.get(i), where);
                if (item == null) {
                    continue;
                }
                in.allowOnly(item, where, Set.of("type", "name", "parameters"));
                String type = in.string(item, "type", where, true);
                String name = in.string(item, "name", where, false);
                JsonNode params = item.get("parameters");
                Map<String, Object> parameters = Map.of();
                if (params != null && !params.isNull()) {
                    ObjectNode p = in.object(params, where + ".parameters");
                    if (p != null) {
                        parameters = YAML.convertValue(p, YAML.getTypeFactory()
                                .constructMapType(java.util.LinkedHashMap.class, String.class, Object.class));
                    }
                }
                if (type != null && type.isBlank()) {
                    in.problem(where + ".type", "blank (expected: a plugin type such as queue-scorer)");
                }
                if (name != null && name.isBlank()) {
                    in.problem(where + ".name", "blank (expected: a name, or leave it out to use the type)");
                }
                if (type != null) {
                    out.add(new PluginSpec(name == null || name.isBlank() ? type : name, type, parameters, where));
                }
            }
            return out;
        }

        List<ProfileSpec> profiles(ObjectNode doc) {
            List<ProfileSpec> out = new ArrayList<>();
            List<JsonNode> items = in.list(doc, "schedulingProfiles", "");
            for (int i = 0; i < items.size(); i++) {
                String where = "schedulingProfiles[" + i + "]";
                ObjectNode item = in.object(items.get(i), where);
                if (item == null) {
                    continue;
                }
                in.allowOnly(item, where, Set.of("name", "plugins"));
                String name = in.string(item, "name", where, true);
                List<PluginRef> refs = new ArrayList<>();
                List<JsonNode> plugins = in.list(item, "plugins", where);
                for (int j = 0; j < plugins.size(); j++) {
                    String refWhere = where + ".plugins[" + j + "]";
                    ObjectNode ref = in.object(plugins.get(j), refWhere);
                    if (ref == null) {
                        continue;
                    }
                    in.allowOnly(ref, refWhere, Set.of("pluginRef", "weight"));
                    String pluginRef = in.string(ref, "pluginRef", refWhere, true);
                    Double weight = in.number(ref, "weight", refWhere);
                    if (pluginRef != null) {
                        refs.add(new PluginRef(pluginRef, weight, refWhere));
                    }
                }
                if (name != null) {
                    out.add(new ProfileSpec(name, refs, where));
                }
            }
            return out;
        }

        SaturationDetectorSpec saturationDetector(ObjectNode doc) {
            JsonNode node = doc.get("saturationDetector");
            if (node == null || node.isNull()) {
                return null;
            }
            String where = "saturationDetector";
            ObjectNode sd = in.object(node, where);
            if (sd == null) {
                return null;
            }
            in.allowOnly(sd, where, Set.of("pluginRef", "queueDepthThreshold", "kvCacheUtilThreshold",
                    "metricsStalenessThreshold"));
            String pluginRef = in.string(sd, "pluginRef", where, false);
            Integer queueDepth = in.integer(sd, "queueDepthThreshold", where);
            Double kv = in.number(sd, "kvCacheUtilThreshold", where);
            Duration staleness = in.duration(sd, "metricsStalenessThreshold", where);
            if (pluginRef != null && (queueDepth != null || kv != null || staleness != null)) {
                in.problem(where, "pluginRef given together with inline thresholds (expected: one or the other;"
                        + " put thresholds in the detector plugin's parameters)");
            }
            if (queueDepth != null && queueDepth <= 0) {
                in.problem(where + ".queueDepthThreshold", queueDepth + " (expected: > 0)");
            }
            if (kv != null && !(kv > 0 && kv <= 1)) {
                in.problem(where + ".kvCacheUtilThreshold", kv + " (expected: > 0 and <= 1)");
            }
            if (staleness != null && staleness.isZero()) {
                in.problem(where + ".metricsStalenessThreshold", "0s (expected: > 0)");
            }
            return new SaturationDetectorSpec(pluginRef,
                    queueDepth != null ? queueDepth : SaturationDetectorSpec.DEFAULT_QUEUE_DEPTH_THRESHOLD,
                    kv != null ? kv : SaturationDetectorSpec.DEFAULT_KV_CACHE_UTIL_THRESHOLD,
                    staleness != null ? staleness : SaturationDetectorSpec.DEFAULT_METRICS_STALENESS_THRESHOLD,
                    where);
        }

        DataLayerSpec dataLayer(ObjectNode doc, String key) {
            JsonNode node = doc.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            ObjectNode dl = in.object(node, key);
            if (dl == null) {
                return null;
            }
            in.allowOnly(dl, key, Set.of("sources"));
            List<DataSourceSpec> sources = new ArrayList<>();
            List<JsonNode> items = in.list(dl, "sources", key);
            for (int i = 0; i < items.size(); i++) {
                String where = key + ".sources[" + i + "]";
                ObjectNode src = in.object(items.get(i), where);
                if (src == null) {
                    continue;
                }
                in.allowOnly(src, where, Set.of("pluginRef", "extractors"));
                String pluginRef = in.string(src, "pluginRef", where, true);
                List<String> extractors = new ArrayList<>();
                List<JsonNode> ex = in.list(src, "extractors", where);
                for (int j = 0; j < ex.size(); j++) {
                    String exWhere = where + ".extractors[" + j + "]";
                    ObjectNode e = in.object(ex.get(j), exWhere);
                    if (e != null) {
                        in.allowOnly(e, exWhere, Set.of("pluginRef"));
                        String ref = in.string(e, "pluginRef", exWhere, true);
                        if (ref != null) {
                            extractors.add(ref);
                        }
                    }
                }
                if (pluginRef != null) {
                    sources.add(new DataSourceSpec(pluginRef, extractors, where));
                }
            }
            return new DataLayerSpec(sources);
        }

        FlowControlSpec flowControl(ObjectNode doc) {
            JsonNode node = doc.get("flowControl");
            if (node == null || node.isNull()) {
                return null;
            }
            String where = "flowControl";
            ObjectNode fc = in.object(node, where);
            if (fc == null) {
                return null;
            }
            in.allowOnly(fc, where, Set.of("maxBytes", "maxRequests", "defaultRequestTTL", "defaultPriorityBand",
                    "priorityBands", "usageLimitPolicyPluginRef"));
            PriorityBandSpec defaultBand = null;
            JsonNode db = fc.get("defaultPriorityBand");
            if (db != null && !db.isNull()) {
                defaultBand = band(db, where + ".defaultPriorityBand", false);
            }
            List<PriorityBandSpec> bands = new ArrayList<>();
            List<JsonNode> items = in.list(fc, "priorityBands", where);
            for (int i = 0; i < items.size(); i++) {
                PriorityBandSpec band = band(items.get(i), where + ".priorityBands[" + i + "]", true);
                if (band != null) {
                    bands.add(band);
                }
            }
            Duration ttl = in.duration(fc, "defaultRequestTTL", where);
            return new FlowControlSpec(in.quantity(fc, "maxBytes", where), in.quantity(fc, "maxRequests", where),
                    ttl, defaultBand, bands, in.string(fc, "usageLimitPolicyPluginRef", where, false));
        }

        List<ObjectiveSpec> objectives(ObjectNode doc) {
            List<ObjectiveSpec> out = new ArrayList<>();
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            List<JsonNode> items = in.list(doc, "objectives", "");
            for (int i = 0; i < items.size(); i++) {
                String where = "objectives[" + i + "]";
                ObjectNode o = in.object(items.get(i), where);
                if (o == null) {
                    continue;
                }
                in.allowOnly(o, where, Set.of("name", "priority"));
                String name = in.string(o, "name", where, true);
                Integer priority = in.integer(o, "priority", where);
                if (name != null && name.isBlank()) {
                    in.problem(where + ".name", "blank (expected: the name clients send in x-gateway-inference-objective)");
                    continue;
                }
                if (name != null) {
                    String earlier = seen.putIfAbsent(name, where);
                    if (earlier != null) {
                        in.problem(where + ".name", "'" + name + "' is already defined at " + earlier
                                + " (expected: unique objective names)");
                    } else {
                        out.add(new ObjectiveSpec(name, priority == null ? 0 : priority, where));
                    }
                }
            }
            return out;
        }

        List<ModelRewriteSpec> modelRewrites(ObjectNode doc) {
            List<ModelRewriteSpec> out = new ArrayList<>();
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            List<JsonNode> items = in.list(doc, "modelRewrites", "");
            for (int i = 0; i < items.size(); i++) {
                String where = "modelRewrites[" + i + "]";
                ObjectNode rule = in.object(items.get(i), where);
                if (rule == null) {
                    continue;
                }
                in.allowOnly(rule, where, Set.of("model", "targets"));
                String model = in.string(rule, "model", where, true);
                if (model != null && model.isBlank()) {
                    in.problem(where + ".model", "blank (expected: the model name clients send)");
                }
                if (model != null) {
                    String earlier = seen.putIfAbsent(model, where);
                    if (earlier != null) {
                        in.problem(where + ".model", "'" + model + "' already has a rule at " + earlier
                                + " (expected: one rule per model)");
                    }
                }
                List<RewriteTarget> targets = new ArrayList<>();
                double sum = 0;
                List<JsonNode> ts = in.list(rule, "targets", where);
                for (int j = 0; j < ts.size(); j++) {
                    String tWhere = where + ".targets[" + j + "]";
                    ObjectNode t = in.object(ts.get(j), tWhere);
                    if (t == null) {
                        continue;
                    }
                    in.allowOnly(t, tWhere, Set.of("model", "weight"));
                    String target = in.string(t, "model", tWhere, true);
                    Double weight = in.number(t, "weight", tWhere);
                    if (weight != null && weight < 0) {
                        in.problem(tWhere + ".weight", weight + " (expected: >= 0)");
                        weight = 0.0;
                    }
                    if (target != null) {
                        double w = weight == null ? 1.0 : weight;
                        sum += w;
                        targets.add(new RewriteTarget(target, w));
                    }
                }
                if (ts.isEmpty()) {
                    in.problem(where + ".targets", "missing or empty (expected: at least one target model)");
                } else if (!targets.isEmpty() && !(sum > 0)) {
                    in.problem(where + ".targets", "weights sum to 0 (expected: at least one positive weight)");
                }
                if (model != null) {
                    out.add(new ModelRewriteSpec(model, targets, where));
                }
            }
            return out;
        }

        PriorityBandSpec band(JsonNode node, String where, boolean priorityRequired) {
            ObjectNode b = in.object(node, where);
            if (b == null) {
                return null;
            }
            in.allowOnly(b, where, priorityRequired
                    ? Set.of("priority", "maxBytes", "maxRequests", "fairnessPolicyRef", "orderingPolicyRef")
                    : Set.of("maxBytes", "maxRequests", "fairnessPolicyRef", "orderingPolicyRef"));
            Integer priority = in.integer(b, "priority", where);
            if (priorityRequired && priority == null && !b.has("priority")) {
                in.problem(where + ".priority", "missing (expected: an integer)");
            }
            return new PriorityBandSpec(priority, in.quantity(b, "maxBytes", where), in.quantity(b, "maxRequests", where),
                    in.string(b, "fairnessPolicyRef", where, false), in.string(b, "orderingPolicyRef", where, false),
                    where);
        }
    }
}
