package dev.sextant.core.config;

import dev.sextant.api.datalayer.DataSource;
import dev.sextant.api.datalayer.Extractor;
import dev.sextant.api.flowcontrol.FairnessPolicy;
import dev.sextant.api.flowcontrol.OrderingPolicy;
import dev.sextant.api.flowcontrol.SaturationDetector;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.requestcontrol.AdmissionPlugin;
import dev.sextant.api.requestcontrol.PrepareData;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseReceived;
import dev.sextant.api.requestcontrol.ResponseStreaming;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.ProfileHandler;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.core.config.ConfiguredPlugin.Origin;
import dev.sextant.core.config.EndpointPickerConfig.DataSourceSpec;
import dev.sextant.core.config.EndpointPickerConfig.PluginRef;
import dev.sextant.core.config.EndpointPickerConfig.PluginSpec;
import dev.sextant.core.config.EndpointPickerConfig.PriorityBandSpec;
import dev.sextant.core.config.EndpointPickerConfig.ProfileSpec;
import dev.sextant.core.config.EndpointPickerConfig.SaturationDetectorSpec;
import dev.sextant.core.flowcontrol.FlowControlSettings;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.plugins.picker.MaxScorePicker;
import dev.sextant.plugins.profile.SingleProfileHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a parsed document into a runnable configuration, the way GIE's loader does: plugin names
 * default to their type, plugins are instantiated in order, missing parts are defaulted (a default
 * profile, a single-profile-handler for one profile, a max-score-picker for a profile without a
 * picker), and then the whole is validated. Every problem is collected before failing.
 *
 * <p>Departures from GIE, all toward strictness: a scorer without a weight is an error (GIE
 * silently uses 1), a weight on a non-scorer is an error, and a profile without a picker gets a
 * fresh max-score-picker rather than whichever picker GIE's map iteration finds first.
 */
public final class ConfigCompiler {
    /** GIE's metrics data source, added by default when the document has no data layer. */
    static final String METRICS_SOURCE = "metrics-data-source";
    /** GIE's metrics extractor, added by default beside {@link #METRICS_SOURCE}. */
    static final String METRICS_EXTRACTOR = "metrics-extractor";
    /** The saturation detector built from inline thresholds. */
    static final String UTILIZATION_DETECTOR = "utilization-detector";
    /** The fairness policy of bands that name none (GIE's default). */
    static final String GLOBAL_STRICT = "global-strict-fairness-policy";
    /** The ordering policy of bands that name none (GIE's default). */
    static final String FCFS = "fcfs-ordering-policy";

    private final PluginRegistry registry;
    private final EnginePluginContext context;

    public ConfigCompiler(PluginRegistry registry, EnginePluginContext context) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Compiles {@code config}.
     *
     * @throws ConfigException listing every problem found
     */
    public CompiledConfig compile(EndpointPickerConfig config) {
        return new Compilation(config, List.of()).run();
    }

    /**
     * Compiles a document that parsing already found problems in, so that the problems of both
     * stages are reported together. Throws if there are any.
     *
     * @throws ConfigException listing every problem found, earlier ones first
     */
    CompiledConfig compile(EndpointPickerConfig config, List<ConfigProblem> earlierProblems) {
        return new Compilation(config, earlierProblems).run();
    }

    /** One compilation; holds the state that accumulates while checking. */
    private final class Compilation {
        private final EndpointPickerConfig config;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, ConfiguredPlugin> plugins = new LinkedHashMap<>();

        Compilation(EndpointPickerConfig config, List<ConfigProblem> earlierProblems) {
            this.config = config;
            problems.addAll(earlierProblems);
        }

        CompiledConfig run() {
            instantiatePlugins();
            List<ProfileSpec> profileSpecs = profileSpecsWithDefault();
            ProfileHandler handler = profileHandler(profileSpecs);
            List<ProfileConfig> profiles = profiles(profileSpecs);
            if (handler != null) {
                Set<String> names = new LinkedHashSet<>();
                profileSpecs.forEach(p -> names.add(p.name()));
                for (String problem : handler.checkProfiles(names)) {
                    problems.add(new ConfigProblem("schedulingProfiles", ConfiguredPlugin.label(handler) + ": " + problem));
                }
            }
            SaturationDetectorSpec saturation = saturationDetector();
            SaturationDetector detector = detector(saturation);
            EndpointPickerConfig.DataLayerSpec dataLayer = dataLayerWithDefault();
            checkDataLayer(dataLayer);
            FlowControlSettings flowControl = flowControl();
            DataDependencies dependencies = new DataDependencies(plugins.values().stream()
                    .map(ConfiguredPlugin::plugin).toList());
            dependencies.problems().forEach(p -> problems.add(new ConfigProblem("plugins", p)));
            if (!problems.isEmpty()) {
                throw new ConfigException(config.source(), problems);
            }
            List<Plugin> all = plugins.values().stream().map(ConfiguredPlugin::plugin).toList();
            RequestControlPlugins requestControl = new RequestControlPlugins(
                    dependencies.order(only(all, PrepareData.class)),
                    only(all, AdmissionPlugin.class),
                    only(all, PreRequest.class),
                    only(all, ResponseReceived.class),
                    only(all, ResponseStreaming.class),
                    only(all, ResponseComplete.class));
            return new CompiledConfig(config, new LinkedHashSet<>(config.featureGates()),
                    List.copyOf(plugins.values()), profiles, handler, saturation, detector, flowControl, dataLayer,
                    config.flowControl(), requestControl, notes);
        }

        private void instantiatePlugins() {
            Map<String, String> firstWhere = new LinkedHashMap<>();
            for (PluginSpec spec : config.plugins()) {
                String earlier = firstWhere.putIfAbsent(spec.name(), spec.where());
                if (earlier != null) {
                    problems.add(new ConfigProblem(spec.where() + ".name", "duplicate plugin name '" + spec.name()
                            + "', also used by " + earlier + " (expected: unique names; set 'name' to tell them apart)"));
                    continue;
                }
                var factory = registry.find(spec.type());
                if (factory.isEmpty()) {
                    problems.add(new ConfigProblem(spec.where() + ".type", "unknown plugin type '" + spec.type() + "'"
                            + Suggestions.didYouMean(spec.type(), registry.names()) + " (known types: "
                            + String.join(", ", new TreeSet<>(registry.names())) + ")"));
                    continue;
                }
                create(factory.get(), spec.name(), PluginParameters.of(spec.parameters()), spec.where(),
                        "plugin '" + spec.name() + "' (type " + spec.type() + ")", Origin.CONFIGURED);
            }
        }

        /**
         * Creates one plugin and adds it to the configuration, turning parameter problems and factory
         * failures into config problems (and returning null).
         */
        private Plugin create(PluginFactory factory, String name, PluginParameters params, String where, String label,
                Origin origin) {
            Plugin plugin;
            try {
                plugin = factory.create(name, params, context);
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(where, label + ": cannot be created: " + e.getMessage()));
                return null;
            }
            int before = problems.size();
            for (String p : params.problems()) {
                problems.add(new ConfigProblem(where, label + ": " + p));
            }
            for (String key : params.unknownKeys()) {
                String leaf = key.substring(key.lastIndexOf('.') + 1);
                problems.add(new ConfigProblem(where + ".parameters", label + ": unknown parameter '" + key + "'"
                        + Suggestions.didYouMean(leaf, params.knownKeys()) + (params.knownKeys().isEmpty()
                                ? " (expected: no parameters)"
                                : " (expected one of: " + String.join(", ", params.knownKeys()) + ")")));
            }
            if (plugin == null || !name.equals(plugin.name()) || !factory.type().equals(plugin.type())) {
                problems.add(new ConfigProblem(where, label + ": factory " + factory.getClass().getName()
                        + " returned " + (plugin == null ? "null" : ConfiguredPlugin.label(plugin))
                        + " (expected: a plugin with the configured name and type " + factory.type() + ")"));
                return null;
            }
            if (problems.size() != before) {
                return null;
            }
            plugins.put(name, new ConfiguredPlugin(plugin, params.resolved(), origin, where));
            context.register(plugin);
            return plugin;
        }

        /** The profiles as written, or one default profile with every filter, scorer and picker. */
        private List<ProfileSpec> profileSpecsWithDefault() {
            if (!config.schedulingProfiles().isEmpty()) {
                return config.schedulingProfiles();
            }
            List<PluginRef> refs = new ArrayList<>();
            for (ConfiguredPlugin cp : plugins.values()) {
                Plugin p = cp.plugin();
                if (p instanceof Filter || p instanceof Scorer || p instanceof Picker) {
                    refs.add(new PluginRef(p.name(), p instanceof Scorer ? 1.0 : null, "schedulingProfiles"));
                }
            }
            notes.add("no schedulingProfiles given: profile 'default' uses every filter, scorer (weight 1)"
                    + " and picker in plugins");
            return List.of(new ProfileSpec("default", refs, "schedulingProfiles"));
        }

        private ProfileHandler profileHandler(List<ProfileSpec> profiles) {
            List<ProfileHandler> handlers = only(plugins.values().stream().map(ConfiguredPlugin::plugin).toList(),
                    ProfileHandler.class);
            if (handlers.size() > 1) {
                problems.add(new ConfigProblem("plugins", "more than one profile handler: "
                        + String.join(", ", handlers.stream().map(ConfiguredPlugin::label).toList())
                        + " (expected: exactly one)"));
                return null;
            }
            if (handlers.size() == 1) {
                return handlers.getFirst();
            }
            if (profiles.size() > 1) {
                problems.add(new ConfigProblem("schedulingProfiles", profiles.size() + " profiles but no profile handler"
                        + " (expected: a profile-handler plugin, such as disagg-profile-handler, to choose between them)"));
                return null;
            }
            Plugin handler = addDefault(SingleProfileHandler.TYPE);
            return handler instanceof ProfileHandler h ? h : null;
        }

        private List<ProfileConfig> profiles(List<ProfileSpec> specs) {
            List<ProfileConfig> out = new ArrayList<>();
            Map<String, String> seen = new LinkedHashMap<>();
            Picker defaultPicker = null;
            for (ProfileSpec spec : specs) {
                String where = spec.where();
                if (spec.name().isBlank()) {
                    problems.add(new ConfigProblem(where + ".name", "blank (expected: a profile name)"));
                    continue;
                }
                String earlier = seen.putIfAbsent(spec.name(), where);
                if (earlier != null) {
                    problems.add(new ConfigProblem(where + ".name", "duplicate profile name '" + spec.name()
                            + "', also used by " + earlier + " (expected: unique names)"));
                    continue;
                }
                List<Filter> filters = new ArrayList<>();
                List<WeightedScorer> scorers = new ArrayList<>();
                List<Picker> pickers = new ArrayList<>();
                Set<String> used = new HashSet<>();
                boolean ok = true;
                for (PluginRef ref : spec.plugins()) {
                    ok &= addToProfile(ref, spec, filters, scorers, pickers, used);
                }
                if (pickers.size() > 1) {
                    problems.add(new ConfigProblem(where, "profile '" + spec.name() + "' has " + pickers.size()
                            + " pickers (" + String.join(", ", pickers.stream().map(Picker::name).toList())
                            + ") (expected: at most one)"));
                    ok = false;
                }
                if (pickers.isEmpty()) {
                    if (defaultPicker == null) {
                        defaultPicker = addDefault(MaxScorePicker.TYPE) instanceof Picker p ? p : null;
                    }
                    if (defaultPicker != null) {
                        pickers.add(defaultPicker);
                    }
                }
                if (ok && !pickers.isEmpty()) {
                    out.add(new ProfileConfig(spec.name(), filters, scorers, pickers.getFirst()));
                }
            }
            return out;
        }

        private boolean addToProfile(PluginRef ref, ProfileSpec profile, List<Filter> filters,
                List<WeightedScorer> scorers, List<Picker> pickers, Set<String> used) {
            ConfiguredPlugin cp = plugins.get(ref.pluginRef());
            String where = ref.where();
            if (cp == null) {
                boolean defined = config.plugins().stream().anyMatch(p -> p.name().equals(ref.pluginRef()));
                if (!defined) {
                    problems.add(new ConfigProblem(where + ".pluginRef", "'" + ref.pluginRef() + "' names no plugin"
                            + Suggestions.didYouMean(ref.pluginRef(), plugins.keySet()) + " (defined: "
                            + String.join(", ", plugins.keySet()) + ")"));
                }
                return false;
            }
            if (!used.add(ref.pluginRef())) {
                problems.add(new ConfigProblem(where, cp.label() + " is listed twice in profile '" + profile.name()
                        + "' (expected: once)"));
                return false;
            }
            Plugin p = cp.plugin();
            if (!(p instanceof Filter || p instanceof Scorer || p instanceof Picker)) {
                problems.add(new ConfigProblem(where, cp.label() + " is not a filter, scorer or picker, so it cannot"
                        + " be part of a profile (expected: list it only under plugins)"));
                return false;
            }
            boolean ok = true;
            if (p instanceof Scorer scorer) {
                if (ref.weight() == null) {
                    problems.add(new ConfigProblem(where, cp.label() + " is a scorer without a weight"
                            + " (expected: weight: <number>, e.g. weight: 1)"));
                    ok = false;
                } else if (!(ref.weight() >= 0)) {
                    problems.add(new ConfigProblem(where + ".weight", ref.weight() + " (expected: >= 0)"));
                    ok = false;
                } else {
                    scorers.add(new WeightedScorer(scorer, ref.weight()));
                }
            } else if (ref.weight() != null) {
                problems.add(new ConfigProblem(where + ".weight", cp.label() + " is not a scorer, so a weight has no"
                        + " meaning (expected: no weight)"));
                ok = false;
            }
            if (p instanceof Filter f) {
                filters.add(f);
            }
            if (p instanceof Picker picker) {
                pickers.add(picker);
            }
            return ok;
        }

        /** Adds a plugin a defaulting rule needs, named after its type (or type-default if taken). */
        private Plugin addDefault(String type) {
            return addDefault(type, Map.of());
        }

        private Plugin addDefault(String type, Map<String, Object> parameters) {
            String name = plugins.containsKey(type) ? type + "-default" : type;
            PluginFactory factory = registry.find(type).orElseThrow();
            return create(factory, name, PluginParameters.of(parameters), "", "plugin '" + name + "' (type " + type + ")",
                    Origin.DEFAULTED);
        }

        private SaturationDetectorSpec saturationDetector() {
            SaturationDetectorSpec spec = config.saturationDetector();
            return spec == null ? SaturationDetectorSpec.defaults() : spec;
        }

        /**
         * The data layer as written; or, when the document has none, GIE's default: a
         * metrics-data-source read by a metrics-extractor (reusing plugins of those types if the
         * document defines them). An explicit empty {@code dataLayer} turns collection off.
         */
        private EndpointPickerConfig.DataLayerSpec dataLayerWithDefault() {
            if (config.dataLayer() != null) {
                return config.dataLayer();
            }
            if (registry.find(METRICS_SOURCE).isEmpty() || registry.find(METRICS_EXTRACTOR).isEmpty()) {
                return null;
            }
            Plugin source = existingOrDefault(METRICS_SOURCE);
            Plugin extractor = existingOrDefault(METRICS_EXTRACTOR);
            if (source == null || extractor == null) {
                return null;
            }
            return new EndpointPickerConfig.DataLayerSpec(List.of(
                    new DataSourceSpec(source.name(), List.of(extractor.name()), "dataLayer")));
        }

        private Plugin existingOrDefault(String type) {
            for (ConfiguredPlugin cp : plugins.values()) {
                if (cp.type().equals(type)) {
                    return cp.plugin();
                }
            }
            return addDefault(type);
        }

        private void checkDataLayer(EndpointPickerConfig.DataLayerSpec dataLayer) {
            if (dataLayer == null) {
                return;
            }
            for (DataSourceSpec source : dataLayer.sources()) {
                ConfiguredPlugin src = requireDefined(source.pluginRef(), source.where() + ".pluginRef");
                if (src == null) {
                    continue;
                }
                if (!(src.plugin() instanceof DataSource ds)) {
                    problems.add(new ConfigProblem(source.where() + ".pluginRef", src.label()
                            + " is not a data source (expected: a data-source plugin such as metrics-data-source)"));
                    continue;
                }
                for (int i = 0; i < source.extractors().size(); i++) {
                    String where = source.where() + ".extractors[" + i + "].pluginRef";
                    ConfiguredPlugin ex = requireDefined(source.extractors().get(i), where);
                    if (ex == null) {
                        continue;
                    }
                    if (!(ex.plugin() instanceof Extractor<?> extractor)) {
                        problems.add(new ConfigProblem(where, ex.label() + " is not an extractor"));
                    } else if (!extractor.inputType().isAssignableFrom(ds.outputType())) {
                        problems.add(new ConfigProblem(where, ex.label() + " reads " + extractor.inputType().getSimpleName()
                                + " but " + src.label() + " produces " + ds.outputType().getSimpleName()
                                + " (expected: an extractor for this source's output)"));
                    }
                }
            }
        }

        /** The detector the saturation section names, or a utilization-detector built from its thresholds. */
        private SaturationDetector detector(SaturationDetectorSpec spec) {
            if (spec.pluginRef() != null) {
                ConfiguredPlugin cp = plugins.get(spec.pluginRef());
                if (cp == null && config.plugins().stream().noneMatch(p -> p.name().equals(spec.pluginRef()))
                        && registry.find(spec.pluginRef()).isPresent()) {
                    // As GIE: naming a detector type that is not configured adds one with default parameters.
                    Plugin added = addDefault(spec.pluginRef());
                    cp = added == null ? null : plugins.get(added.name());
                }
                if (cp == null) {
                    requireDefined(spec.pluginRef(), spec.where() + ".pluginRef");
                    return null;
                }
                if (cp.plugin() instanceof SaturationDetector d) {
                    return d;
                }
                problems.add(new ConfigProblem(spec.where() + ".pluginRef", cp.label()
                        + " is not a saturation detector (expected: a plugin such as utilization-detector or"
                        + " concurrency-detector)"));
                return null;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("queueDepthThreshold", spec.queueDepthThreshold());
            params.put("kvCacheUtilThreshold", spec.kvCacheUtilThreshold());
            params.put("metricsStalenessThreshold", dev.sextant.api.plugin.GoDuration.format(spec.metricsStalenessThreshold()));
            for (ConfiguredPlugin cp : plugins.values()) {
                if (cp.type().equals(UTILIZATION_DETECTOR) && cp.parameters().equals(resolvedDetector(params))) {
                    return (SaturationDetector) cp.plugin();
                }
            }
            return addDefault(UTILIZATION_DETECTOR, params) instanceof SaturationDetector d ? d : null;
        }

        private Map<String, Object> resolvedDetector(Map<String, Object> params) {
            PluginParameters p = PluginParameters.of(params);
            registry.find(UTILIZATION_DETECTOR).orElseThrow().create("probe", p, context);
            return p.resolved();
        }

        /** Flow control with defaults applied, or null when the feature gate is off. */
        private FlowControlSettings flowControl() {
            var fc = config.flowControl();
            boolean on = config.featureGates().contains(FeatureGates.FLOW_CONTROL);
            if (fc != null && !on) {
                notes.add("flowControl section is ignored: feature gate '" + FeatureGates.FLOW_CONTROL + "' is off");
            }
            if (fc != null && fc.usageLimitPolicyPluginRef() != null) {
                requireDefined(fc.usageLimitPolicyPluginRef(), "flowControl.usageLimitPolicyPluginRef");
                problems.add(new ConfigProblem("flowControl.usageLimitPolicyPluginRef",
                        "usage-limit policies are not supported yet (expected: leave it out)"));
            }
            java.util.Map<Integer, FlowControlSettings.BandSettings> bands = new java.util.HashMap<>();
            FlowControlSettings.BandSettings defaultBand = null;
            Set<Integer> priorities = new HashSet<>();
            if (fc != null) {
                for (PriorityBandSpec band : fc.priorityBands()) {
                    if (band.priority() != null && !priorities.add(band.priority())) {
                        problems.add(new ConfigProblem(band.where() + ".priority", "duplicate priority "
                                + band.priority() + " (expected: one band per priority)"));
                    }
                }
            }
            if (!on) {
                if (fc != null) {
                    fc.priorityBands().forEach(this::checkBandRefs);
                    if (fc.defaultPriorityBand() != null) {
                        checkBandRefs(fc.defaultPriorityBand());
                    }
                }
                return null;
            }
            defaultBand = band(fc == null ? null : fc.defaultPriorityBand(), null);
            if (fc != null) {
                for (PriorityBandSpec spec : fc.priorityBands()) {
                    FlowControlSettings.BandSettings b = band(spec, defaultBand);
                    if (b != null && spec.priority() != null) {
                        bands.put(spec.priority(), b);
                    }
                }
            }
            if (defaultBand == null) {
                return null;
            }
            long maxBytes = fc == null || fc.maxBytes() == null || fc.maxBytes() == 0 ? Long.MAX_VALUE : fc.maxBytes();
            long maxRequests = fc == null || fc.maxRequests() == null || fc.maxRequests() == 0 ? Long.MAX_VALUE
                    : fc.maxRequests();
            java.time.Duration ttl = fc == null || fc.defaultRequestTTL() == null ? java.time.Duration.ZERO
                    : fc.defaultRequestTTL();
            return new FlowControlSettings(maxBytes, maxRequests, ttl, defaultBand, bands);
        }

        private void checkBandRefs(PriorityBandSpec band) {
            if (band.fairnessPolicyRef() != null) {
                requireDefined(band.fairnessPolicyRef(), band.where() + ".fairnessPolicyRef");
            }
            if (band.orderingPolicyRef() != null) {
                requireDefined(band.orderingPolicyRef(), band.where() + ".orderingPolicyRef");
            }
        }

        /** One band's settings: its own values, else the default band's, else GIE's defaults. */
        private FlowControlSettings.BandSettings band(PriorityBandSpec spec, FlowControlSettings.BandSettings fallback) {
            FairnessPolicy fairness = fallback != null ? fallback.fairness() : null;
            OrderingPolicy ordering = fallback != null ? fallback.ordering() : null;
            long maxBytes = fallback != null ? fallback.maxBytes() : FlowControlSettings.DEFAULT_BAND_MAX_BYTES;
            long maxRequests = fallback != null ? fallback.maxRequests() : Long.MAX_VALUE;
            if (spec != null) {
                if (spec.fairnessPolicyRef() != null) {
                    fairness = typed(spec.fairnessPolicyRef(), spec.where() + ".fairnessPolicyRef", FairnessPolicy.class,
                            "a fairness policy such as round-robin-fairness-policy");
                }
                if (spec.orderingPolicyRef() != null) {
                    ordering = typed(spec.orderingPolicyRef(), spec.where() + ".orderingPolicyRef", OrderingPolicy.class,
                            "an ordering policy such as edf-ordering-policy");
                }
                if (spec.maxBytes() != null && spec.maxBytes() > 0) {
                    maxBytes = spec.maxBytes();
                }
                if (spec.maxRequests() != null && spec.maxRequests() > 0) {
                    maxRequests = spec.maxRequests();
                }
            }
            if (fairness == null) {
                fairness = existingOrDefault(GLOBAL_STRICT) instanceof FairnessPolicy f ? f : null;
            }
            if (ordering == null) {
                ordering = existingOrDefault(FCFS) instanceof OrderingPolicy o ? o : null;
            }
            return fairness == null || ordering == null ? null
                    : new FlowControlSettings.BandSettings(maxBytes, maxRequests, fairness, ordering);
        }

        private <T> T typed(String ref, String where, Class<T> type, String expected) {
            ConfiguredPlugin cp = requireDefined(ref, where);
            if (cp == null) {
                return null;
            }
            if (type.isInstance(cp.plugin())) {
                return type.cast(cp.plugin());
            }
            problems.add(new ConfigProblem(where, cp.label() + " is not " + expected.replaceFirst(" such as.*", "")
                    + " (expected: " + expected + ")"));
            return null;
        }

        private ConfiguredPlugin requireDefined(String name, String where) {
            ConfiguredPlugin cp = plugins.get(name);
            if (cp == null && config.plugins().stream().noneMatch(p -> p.name().equals(name))) {
                problems.add(new ConfigProblem(where, "'" + name + "' names no plugin"
                        + Suggestions.didYouMean(name, plugins.keySet()) + " (defined: "
                        + String.join(", ", plugins.keySet()) + ")"));
            }
            return cp;
        }
    }

    private static <T> List<T> only(List<Plugin> plugins, Class<T> type) {
        return plugins.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
