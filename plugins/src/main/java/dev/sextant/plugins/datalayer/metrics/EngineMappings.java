package dev.sextant.plugins.datalayer.metrics;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.plugins.datalayer.prometheus.SeriesSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which {@link EngineMetricSpecs} apply to an endpoint: the one named by the endpoint's engine
 * label, or the default engine's when the label is absent or names no configured engine (as GIE
 * does). The parameters are GIE v1.5's {@code core-metrics-extractor} ones.
 *
 * @param engineLabelKey the endpoint label naming its engine
 * @param defaultEngine the engine of endpoints without that label; a key of {@code engines}
 * @param engines the specs by engine name
 */
public record EngineMappings(String engineLabelKey, String defaultEngine, Map<String, EngineMetricSpecs> engines) {

    /** GIE reserves this engine name for its fallback mapping. */
    static final String RESERVED_ENGINE_NAME = "default";

    public EngineMappings {
        Objects.requireNonNull(engineLabelKey, "engineLabelKey");
        Objects.requireNonNull(defaultEngine, "defaultEngine");
        engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        if (engineLabelKey.isBlank()) {
            throw new IllegalArgumentException("engineLabelKey: \"\" (expected: a label key)");
        }
        if (!engines.containsKey(defaultEngine)) {
            throw new IllegalArgumentException(
                    "defaultEngine: \"" + defaultEngine + "\" (expected: one of " + engines.keySet() + ")");
        }
    }

    /** The built-in engines, selected by {@value Endpoint#ENGINE_TYPE_LABEL}, vLLM by default. */
    public static EngineMappings defaults() {
        return new EngineMappings(Endpoint.ENGINE_TYPE_LABEL, Endpoint.DEFAULT_ENGINE_TYPE, byName(List.of()));
    }

    /** The engine named by {@code endpoint}'s label, if it names a configured one. */
    EngineMetricSpecs configured(Endpoint endpoint) {
        String engine = endpoint.labels().get(engineLabelKey);
        return engine == null ? null : engines.get(engine);
    }

    /** The engine label of {@code endpoint}, or {@code null} when it has none. */
    String label(Endpoint endpoint) {
        String engine = endpoint.labels().get(engineLabelKey);
        return engine == null || engine.isBlank() ? null : engine;
    }

    /** The specs of {@link #defaultEngine}. */
    EngineMetricSpecs fallback() {
        return engines.get(defaultEngine);
    }

    /**
     * Reads GIE's parameters: {@code engineLabelKey}, {@code defaultEngine} and {@code engineConfigs}.
     * An {@code engineConfigs} entry replaces the built-in engine of its name entirely (a spec it
     * leaves out is off, as in GIE) and adds any other name. Each spec is a selector string, empty
     * to turn it off, or a list of selectors tried in order. Problems are recorded in {@code params}.
     */
    static EngineMappings from(PluginParameters params) {
        String labelKey = params.string("engineLabelKey", Endpoint.ENGINE_TYPE_LABEL);
        if (!params.check(!labelKey.isBlank(), "engineLabelKey", labelKey, "a label key")) {
            labelKey = Endpoint.ENGINE_TYPE_LABEL;
        }
        String defaultEngine = params.string("defaultEngine", Endpoint.DEFAULT_ENGINE_TYPE);
        List<EngineMetricSpecs> configured = new ArrayList<>();
        List<PluginParameters> entries = params.objects("engineConfigs");
        for (int i = 0; i < entries.size(); i++) {
            EngineMetricSpecs specs = readEngine(entries.get(i));
            if (specs == null) {
                continue;
            }
            boolean duplicate = configured.stream().anyMatch(c -> c.name().equals(specs.name()));
            if (params.check(!duplicate, "engineConfigs[" + i + "].name", specs.name(), "a name given once")) {
                configured.add(specs);
            }
        }
        Map<String, EngineMetricSpecs> engines = byName(configured);
        if (!params.check(engines.containsKey(defaultEngine), "defaultEngine", defaultEngine,
                "one of " + engines.keySet())) {
            defaultEngine = Endpoint.DEFAULT_ENGINE_TYPE;
            engines.putIfAbsent(defaultEngine, EngineMetricSpecs.VLLM);
        }
        return new EngineMappings(labelKey, defaultEngine, engines);
    }

    private static EngineMetricSpecs readEngine(PluginParameters entry) {
        String name = entry.string("name", "");
        boolean named = entry.check(!name.isBlank(), "name", name, "an engine type such as vllm");
        named &= entry.check(!name.equals(RESERVED_ENGINE_NAME), "name", name,
                "any name but \"" + RESERVED_ENGINE_NAME + "\", which GIE reserves");
        EngineMetricSpecs specs = new EngineMetricSpecs(named ? name : "invalid",
                selectors(entry, "queuedRequestsSpec"),
                selectors(entry, "runningRequestsSpec"),
                selectors(entry, "kvUsageSpec"),
                selectors(entry, "loraSpec"),
                selectors(entry, "cacheInfoSpec"),
                label(entry, "cacheBlockSizeLabelName", EngineMetricSpecs.DEFAULT_BLOCK_SIZE_LABEL),
                label(entry, "cacheNumBlocksLabelName", EngineMetricSpecs.DEFAULT_NUM_BLOCKS_LABEL),
                selectors(entry, "cacheBlockSizeSpec"),
                selectors(entry, "cacheNumBlocksSpec"));
        return named ? specs : null;
    }

    private static List<SeriesSelector> selectors(PluginParameters entry, String key) {
        List<SeriesSelector> out = new ArrayList<>();
        List<String> texts = entry.strings(key);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                out.add(SeriesSelector.parse(text));
            } catch (IllegalArgumentException e) {
                entry.problem(texts.size() == 1 ? key : key + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private static String label(PluginParameters entry, String key, String defaultLabel) {
        String label = entry.string(key, defaultLabel);
        if (label.isEmpty()) {
            // GIE's empty string (a Go zero value) means the default.
            return defaultLabel;
        }
        return entry.check(SeriesSelector.isValidLabelName(label), key, label, "a Prometheus label name")
                ? label : defaultLabel;
    }

    /** The built-in engines with {@code configured} replacing or joining them, in a mutable map. */
    private static Map<String, EngineMetricSpecs> byName(List<EngineMetricSpecs> configured) {
        Map<String, EngineMetricSpecs> engines = new LinkedHashMap<>();
        for (EngineMetricSpecs builtin : EngineMetricSpecs.builtins()) {
            engines.put(builtin.name(), builtin);
        }
        for (EngineMetricSpecs specs : configured) {
            engines.put(specs.name(), specs);
        }
        return engines;
    }
}
