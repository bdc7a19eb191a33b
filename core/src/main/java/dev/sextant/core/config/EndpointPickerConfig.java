package dev.sextant.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code EndpointPickerConfig} document as written, after strict parsing and before defaults and
 * validation. Field names and shapes are GIE's, so GIE and llm-d configurations load unchanged.
 *
 * <p>Nullable components are sections the document left out; {@code where} components carry the
 * YAML path for error messages.
 *
 * @param source where the document came from (a file name, or {@code <default>})
 * @param apiVersion {@value ConfigParser#GIE_API_VERSION}, {@value ConfigParser#LLM_D_API_VERSION} or {@value ConfigParser#SEXTANT_API_VERSION}
 * @param kind always {@code EndpointPickerConfig}
 * @param featureGates enabled feature gates, e.g. {@code flowControl}
 * @param plugins plugin instances, in document order
 * @param schedulingProfiles profiles, in document order; empty means "build a default profile"
 * @param saturationDetector the saturation detector section, or null
 * @param dataLayer the data-layer section ({@code dataLayer}, or {@code data} before GIE v1.5), or null
 * @param flowControl the flow-control section, or null
 * @param modelRewrites Sextant's model-rewrite rules (an extension of the GIE format), in order
 * @param objectives Sextant's inference objectives: names clients select with
 *     {@code x-gateway-inference-objective}, each with a priority (GIE keeps these in
 *     InferenceObjective resources)
 */
public record EndpointPickerConfig(
        String source,
        String apiVersion,
        String kind,
        List<String> featureGates,
        List<PluginSpec> plugins,
        List<ProfileSpec> schedulingProfiles,
        SaturationDetectorSpec saturationDetector,
        DataLayerSpec dataLayer,
        FlowControlSpec flowControl,
        List<ModelRewriteSpec> modelRewrites,
        List<ObjectiveSpec> objectives) {

    public EndpointPickerConfig {
        Objects.requireNonNull(source, "source");
        featureGates = List.copyOf(featureGates);
        plugins = List.copyOf(plugins);
        schedulingProfiles = List.copyOf(schedulingProfiles);
        modelRewrites = List.copyOf(modelRewrites);
        objectives = List.copyOf(objectives);
    }

    /**
     * An inference objective.
     *
     * @param name the name clients send in {@code x-gateway-inference-objective}
     * @param priority higher is served first under flow control; negative means sheddable
     * @param where the YAML path
     */
    public record ObjectiveSpec(String name, int priority, String where) {
        public ObjectiveSpec {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One model-rewrite rule: requests for {@code model} go to one of {@code targets}, chosen at
     * random in proportion to the weights (an A/B split between a base model and a LoRA adapter).
     *
     * @param model the model name clients send
     * @param targets weighted target models; weights &ge; 0 with a positive sum
     * @param where the YAML path
     */
    public record ModelRewriteSpec(String model, List<RewriteTarget> targets, String where) {
        public ModelRewriteSpec {
            Objects.requireNonNull(model, "model");
            targets = List.copyOf(targets);
        }
    }

    /**
     * A target of a model-rewrite rule.
     *
     * @param model the model name sent to the model server
     * @param weight relative share of requests, &ge; 0
     */
    public record RewriteTarget(String model, double weight) {}

    /**
     * One entry of {@code plugins}.
     *
     * @param name the instance name; the type when the document gives none
     * @param type the plugin type or alias as written
     * @param parameters the {@code parameters} block as plain Java values; empty when absent
     * @param where the YAML path, e.g. {@code plugins[2]}
     */
    public record PluginSpec(String name, String type, Map<String, Object> parameters, String where) {
        public PluginSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(parameters));
        }
    }

    /**
     * One entry of {@code schedulingProfiles}.
     *
     * @param name the profile name
     * @param plugins references to plugins, in order
     * @param where the YAML path
     */
    public record ProfileSpec(String name, List<PluginRef> plugins, String where) {
        public ProfileSpec {
            plugins = List.copyOf(plugins);
        }
    }

    /**
     * One plugin reference inside a profile.
     *
     * @param pluginRef the name of a plugin in {@code plugins}
     * @param weight the weight for a scorer, or null when not given
     * @param where the YAML path
     */
    public record PluginRef(String pluginRef, Double weight, String where) {}

    /**
     * The {@code saturationDetector} section: either a reference to a detector plugin (GIE v1.5) or
     * the thresholds written inline (GIE up to v1.4).
     *
     * @param pluginRef the detector plugin, or null for the inline form
     * @param queueDepthThreshold waiting requests at which an endpoint counts as saturated
     * @param kvCacheUtilThreshold KV-cache usage at which an endpoint counts as saturated
     * @param metricsStalenessThreshold metrics older than this count as saturated
     * @param where the YAML path
     */
    public record SaturationDetectorSpec(String pluginRef, int queueDepthThreshold, double kvCacheUtilThreshold,
            Duration metricsStalenessThreshold, String where) {
        public static final int DEFAULT_QUEUE_DEPTH_THRESHOLD = 5;
        public static final double DEFAULT_KV_CACHE_UTIL_THRESHOLD = 0.8;
        public static final Duration DEFAULT_METRICS_STALENESS_THRESHOLD = Duration.ofMillis(200);

        /** The thresholds GIE uses when none are configured. */
        public static SaturationDetectorSpec defaults() {
            return new SaturationDetectorSpec(null, DEFAULT_QUEUE_DEPTH_THRESHOLD, DEFAULT_KV_CACHE_UTIL_THRESHOLD,
                    DEFAULT_METRICS_STALENESS_THRESHOLD, "saturationDetector");
        }
    }

    /** The {@code dataLayer} section: which sources run and which extractors read each. */
    public record DataLayerSpec(List<DataSourceSpec> sources) {
        public DataLayerSpec {
            sources = List.copyOf(sources);
        }
    }

    /**
     * One data source and its extractors.
     *
     * @param pluginRef the data-source plugin
     * @param extractors the extractor plugins, in order
     * @param where the YAML path
     */
    public record DataSourceSpec(String pluginRef, List<String> extractors, String where) {
        public DataSourceSpec {
            extractors = List.copyOf(extractors);
        }
    }

    /**
     * The {@code flowControl} section (used when the {@code flowControl} feature gate is on).
     *
     * @param maxBytes total bytes queued across bands, or null for unlimited
     * @param maxRequests total requests queued, or null for unlimited
     * @param defaultRequestTTL how long a request may wait, or null for the built-in default
     * @param defaultPriorityBand settings for bands not listed, or null
     * @param priorityBands per-priority settings
     * @param usageLimitPolicyPluginRef a usage-limit policy plugin, or null
     */
    public record FlowControlSpec(Long maxBytes, Long maxRequests, Duration defaultRequestTTL,
            PriorityBandSpec defaultPriorityBand, List<PriorityBandSpec> priorityBands,
            String usageLimitPolicyPluginRef) {
        public FlowControlSpec {
            priorityBands = List.copyOf(priorityBands);
        }
    }

    /**
     * One priority band's settings.
     *
     * @param priority the band's priority (null in {@code defaultPriorityBand})
     * @param maxBytes bytes queued in the band, or null
     * @param maxRequests requests queued in the band, or null
     * @param fairnessPolicyRef fairness policy plugin, or null for the default
     * @param orderingPolicyRef ordering policy plugin, or null for the default
     * @param where the YAML path
     */
    public record PriorityBandSpec(Integer priority, Long maxBytes, Long maxRequests, String fairnessPolicyRef,
            String orderingPolicyRef, String where) {}
}
