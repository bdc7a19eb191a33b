package dev.sextant.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sextant.api.SextantException;
import dev.sextant.api.plugin.GoDuration;
import dev.sextant.core.config.EndpointPickerConfig.PriorityBandSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a compiled configuration back as an {@code EndpointPickerConfig} document with every
 * default made explicit: parameters at their effective values, weights, the added profile handler
 * and picker, saturation thresholds. The output loads again to the same configuration.
 */
public final class ConfigPrinter {
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES))
            .build();

    private ConfigPrinter() {}

    /** The resolved document as YAML, preceded by comments for each defaulting note. */
    public static String toYaml(CompiledConfig config) {
        StringBuilder out = new StringBuilder();
        for (String note : config.notes()) {
            out.append("# note: ").append(note).append('\n');
        }
        try {
            out.append(YAML.writeValueAsString(tree(config)));
        } catch (JsonProcessingException e) {
            throw new SextantException("cannot print configuration " + config.source(), e);
        }
        return out.toString();
    }

    private static Map<String, Object> tree(CompiledConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", config.document().apiVersion());
        doc.put("kind", ConfigParser.KIND);
        doc.put("featureGates", List.copyOf(config.featureGates()));
        List<Object> plugins = new ArrayList<>();
        for (ConfiguredPlugin p : config.plugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("type", p.type());
            if (!p.parameters().isEmpty()) {
                entry.put("parameters", printable(p.parameters()));
            }
            plugins.add(entry);
        }
        doc.put("plugins", plugins);
        List<Object> profiles = new ArrayList<>();
        for (ProfileConfig profile : config.profiles()) {
            List<Object> refs = new ArrayList<>();
            profile.filters().forEach(f -> refs.add(Map.of("pluginRef", f.name())));
            for (WeightedScorer s : profile.scorers()) {
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("pluginRef", s.scorer().name());
                ref.put("weight", s.weight());
                refs.add(ref);
            }
            refs.add(Map.of("pluginRef", profile.picker().name()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", profile.name());
            entry.put("plugins", refs);
            profiles.add(entry);
        }
        doc.put("schedulingProfiles", profiles);
        var sd = config.saturationDetector();
        Map<String, Object> saturation = new LinkedHashMap<>();
        if (sd.pluginRef() != null) {
            saturation.put("pluginRef", sd.pluginRef());
        } else {
            saturation.put("queueDepthThreshold", sd.queueDepthThreshold());
            saturation.put("kvCacheUtilThreshold", sd.kvCacheUtilThreshold());
            saturation.put("metricsStalenessThreshold", GoDuration.format(sd.metricsStalenessThreshold()));
        }
        doc.put("saturationDetector", saturation);
        if (config.dataLayer() != null) {
            List<Object> sources = new ArrayList<>();
            for (var source : config.dataLayer().sources()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("pluginRef", source.pluginRef());
                entry.put("extractors", source.extractors().stream().map(e -> Map.of("pluginRef", e)).toList());
                sources.add(entry);
            }
            doc.put("dataLayer", Map.of("sources", sources));
        }
        if (config.flowControl() != null) {
            doc.put("flowControl", flowControl(config.flowControl()));
        }
        if (!config.document().objectives().isEmpty()) {
            List<Object> objectives = new ArrayList<>();
            for (var o : config.document().objectives()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", o.name());
                entry.put("priority", o.priority());
                objectives.add(entry);
            }
            doc.put("objectives", objectives);
        }
        if (!config.modelRewrites().isEmpty()) {
            List<Object> rules = new ArrayList<>();
            for (var rule : config.modelRewrites()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("model", rule.model());
                List<Object> targets = new ArrayList<>();
                for (var t : rule.targets()) {
                    Map<String, Object> target = new LinkedHashMap<>();
                    target.put("model", t.model());
                    target.put("weight", t.weight());
                    targets.add(target);
                }
                entry.put("targets", targets);
                rules.add(entry);
            }
            doc.put("modelRewrites", rules);
        }
        return doc;
    }

    private static Map<String, Object> flowControl(EndpointPickerConfig.FlowControlSpec fc) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "maxBytes", fc.maxBytes());
        putIfSet(out, "maxRequests", fc.maxRequests());
        if (fc.defaultRequestTTL() != null) {
            out.put("defaultRequestTTL", GoDuration.format(fc.defaultRequestTTL()));
        }
        if (fc.defaultPriorityBand() != null) {
            out.put("defaultPriorityBand", band(fc.defaultPriorityBand()));
        }
        if (!fc.priorityBands().isEmpty()) {
            out.put("priorityBands", fc.priorityBands().stream().map(ConfigPrinter::band).toList());
        }
        putIfSet(out, "usageLimitPolicyPluginRef", fc.usageLimitPolicyPluginRef());
        return out;
    }

    private static Map<String, Object> band(PriorityBandSpec band) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "priority", band.priority());
        putIfSet(out, "maxBytes", band.maxBytes());
        putIfSet(out, "maxRequests", band.maxRequests());
        putIfSet(out, "fairnessPolicyRef", band.fairnessPolicyRef());
        putIfSet(out, "orderingPolicyRef", band.orderingPolicyRef());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** Parameter values as YAML can write them: durations in Go syntax, nested maps and lists walked. */
    private static Object printable(Object value) {
        return switch (value) {
            case Duration d -> GoDuration.format(d);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), printable(v)));
                yield out;
            }
            case List<?> l -> l.stream().map(ConfigPrinter::printable).toList();
            default -> value;
        };
    }
}
