package dev.sextant.core.config;

import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.core.flowcontrol.FlowControlSettings;
import dev.sextant.api.scheduling.ProfileHandler;
import dev.sextant.core.config.EndpointPickerConfig.DataLayerSpec;
import dev.sextant.core.config.EndpointPickerConfig.FlowControlSpec;
import dev.sextant.core.config.EndpointPickerConfig.SaturationDetectorSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration after defaults, validation and instantiation: ready to run.
 *
 * @param document the document as written, before defaults
 * @param featureGates enabled feature gates
 * @param plugins every plugin instance, configured ones first in document order, then defaulted ones
 * @param profiles the scheduling profiles, in document order
 * @param profileHandler the one profile handler
 * @param saturationDetector the saturation detector settings (defaults when not configured)
 * @param detector the saturation detector plugin: the one {@code saturationDetector.pluginRef} names,
 *     or a {@code utilization-detector} built from the inline thresholds
 * @param flowControlSettings flow control with defaults applied, or null when the {@code flowControl}
 *     feature gate is off
 * @param dataLayer the data-layer section as written, or null when absent
 * @param flowControl the flow-control section as written, or null when absent
 * @param requestControl the plugins of each request-control extension point
 * @param notes things worth telling the user that are not errors (an ignored section, say)
 */
public record CompiledConfig(
        EndpointPickerConfig document,
        Set<String> featureGates,
        List<ConfiguredPlugin> plugins,
        List<ProfileConfig> profiles,
        ProfileHandler profileHandler,
        SaturationDetectorSpec saturationDetector,
        SaturationDetector detector,
        FlowControlSettings flowControlSettings,
        DataLayerSpec dataLayer,
        FlowControlSpec flowControl,
        RequestControlPlugins requestControl,
        List<String> notes) {

    public CompiledConfig {
        java.util.Objects.requireNonNull(document, "document");
        featureGates = Set.copyOf(featureGates);
        plugins = List.copyOf(plugins);
        profiles = List.copyOf(profiles);
        notes = List.copyOf(notes);
    }

    /** The model-rewrite rules, in document order. */
    public List<EndpointPickerConfig.ModelRewriteSpec> modelRewrites() {
        return document.modelRewrites();
    }

    /** Where the document came from. */
    public String source() {
        return document.source();
    }

    /** Objective names and their priorities. */
    public java.util.Map<String, Integer> objectivePriorities() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        document.objectives().forEach(o -> out.put(o.name(), o.priority()));
        return out;
    }

    /** Whether a feature gate is on. */
    public boolean isEnabled(String featureGate) {
        return featureGates.contains(featureGate);
    }

    /** The plugin instance named {@code name}. */
    public Optional<Plugin> plugin(String name) {
        return plugins.stream().map(ConfiguredPlugin::plugin).filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every plugin instance that implements {@code type}, in order. */
    public <T> List<T> pluginsOf(Class<T> type) {
        return plugins.stream().map(ConfiguredPlugin::plugin).filter(type::isInstance).map(type::cast).toList();
    }
}
