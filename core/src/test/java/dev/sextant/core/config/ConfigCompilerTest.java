package dev.sextant.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.requestcontrol.PrepareData;
import dev.sextant.api.time.ManualClock;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.plugins.picker.MaxScorePicker;
import dev.sextant.plugins.profile.SingleProfileHandler;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfigCompilerTest {
    private static final String HEADER = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";

    static ConfigLoader loader() {
        return new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(new ManualClock(), new SplittableRandom(1)));
    }

    static CompiledConfig compile(String body) {
        return loader().load(HEADER + body, "test.yaml");
    }

    static List<String> problems(String body) {
        try {
            compile(body);
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    @Test
    void noConfigurationMeansTheDefault() {
        CompiledConfig config = loader().loadDefault();
        ProfileConfig profile = config.profiles().getFirst();
        assertThat(profile.name()).isEqualTo("default");
        assertThat(profile.scorers()).extracting(s -> s.scorer().type() + "=" + s.weight())
                .containsExactly("queue-scorer=2.0", "kv-cache-utilization-scorer=2.0", "prefix-cache-scorer=3.0");
        assertThat(profile.picker().type()).isEqualTo(MaxScorePicker.TYPE);
        assertThat(config.profileHandler().type()).isEqualTo(SingleProfileHandler.TYPE);
        assertThat(config.saturationDetector().queueDepthThreshold()).isEqualTo(5);
    }

    @Test
    void missingProfilesPickerAndHandlerAreDefaulted() {
        CompiledConfig config = compile("""
                plugins:
                - type: queue-scorer
                - type: label-selector-filter
                  name: decode-only
                  parameters: {matchLabels: {llm-d.ai/role: decode}}
                """);
        ProfileConfig profile = config.profiles().getFirst();
        assertThat(profile.filters()).extracting(f -> f.name()).containsExactly("decode-only");
        assertThat(profile.scorers()).extracting(WeightedScorer::weight).containsExactly(1.0);
        assertThat(profile.picker().name()).isEqualTo("max-score-picker");
        assertThat(config.plugins()).filteredOn(p -> p.origin() == ConfiguredPlugin.Origin.DEFAULTED)
                .extracting(ConfiguredPlugin::type)
                .containsExactlyInAnyOrder(SingleProfileHandler.TYPE, MaxScorePicker.TYPE, "utilization-detector",
                        "metrics-data-source", "metrics-extractor");
        assertThat(config.notes()).singleElement().asString().contains("no schedulingProfiles given");
    }

    @Test
    void weightsAreFloatsAndAliasesWork() {
        CompiledConfig config = compile("""
                plugins:
                - type: kv-cache-scorer
                schedulingProfiles:
                - name: default
                  plugins:
                  - {pluginRef: kv-cache-scorer, weight: 0.25}
                """);
        assertThat(config.profiles().getFirst().scorers().getFirst().weight()).isEqualTo(0.25);
        assertThat(config.plugins().getFirst().type()).isEqualTo("kv-cache-utilization-scorer");
    }

    @Test
    void everyKindOfMistakeIsReportedAtOnce() {
        assertThat(problems("""
                plugins:
                - type: queue-scorrer
                - type: queue-scorer
                - type: queue-scorer
                - type: load-aware-scorer
                  parameters: {threshold: -1, treshold: 5}
                - type: max-score-picker
                - type: random-picker
                - type: single-profile-handler
                schedulingProfiles:
                - name: default
                  plugins:
                  - pluginRef: queue-scorer
                  - {pluginRef: kv-scorer, weight: 1}
                  - {pluginRef: max-score-picker, weight: 2}
                  - pluginRef: random-picker
                  - {pluginRef: single-profile-handler}
                """)).containsExactly(
                "plugins[0].type: unknown plugin type 'queue-scorrer' (did you mean 'queue-scorer'?) (known types: "
                        + String.join(", ", new java.util.TreeSet<>(PluginRegistry.withBuiltinsAndServiceLoader().names()))
                        + ")",
                "plugins[2].name: duplicate plugin name 'queue-scorer', also used by plugins[1] (expected: unique names;"
                        + " set 'name' to tell them apart)",
                "plugins[3]: plugin 'load-aware-scorer' (type load-aware-scorer): threshold: -1 (expected: > 0)",
                "plugins[3].parameters: plugin 'load-aware-scorer' (type load-aware-scorer): unknown parameter"
                        + " 'treshold' (did you mean 'threshold'?) (expected one of: threshold)",
                "schedulingProfiles[0].plugins[0]: plugin 'queue-scorer' (type queue-scorer) is a scorer without a"
                        + " weight (expected: weight: <number>, e.g. weight: 1)",
                "schedulingProfiles[0].plugins[1].pluginRef: 'kv-scorer' names no plugin (defined:"
                        + " queue-scorer, max-score-picker, random-picker, single-profile-handler)",
                "schedulingProfiles[0].plugins[2].weight: plugin 'max-score-picker' (type max-score-picker) is not a"
                        + " scorer, so a weight has no meaning (expected: no weight)",
                "schedulingProfiles[0].plugins[4]: plugin 'single-profile-handler' (type single-profile-handler) is not"
                        + " a filter, scorer or picker, so it cannot be part of a profile (expected: list it only under"
                        + " plugins)",
                "schedulingProfiles[0]: profile 'default' has 2 pickers (max-score-picker, random-picker) (expected: at"
                        + " most one)");
    }

    @Test
    void severalProfilesNeedAHandler() {
        assertThat(problems("""
                plugins: [{type: queue-scorer}]
                schedulingProfiles:
                - {name: prefill, plugins: [{pluginRef: queue-scorer, weight: 1}]}
                - {name: decode, plugins: [{pluginRef: queue-scorer, weight: 1}]}
                """)).containsExactly("schedulingProfiles: 2 profiles but no profile handler (expected: a"
                + " profile-handler plugin, such as disagg-profile-handler, to choose between them)");
        assertThat(problems("""
                plugins: [{type: queue-scorer}, {type: single-profile-handler}]
                schedulingProfiles:
                - {name: a, plugins: [{pluginRef: queue-scorer, weight: 1}]}
                - {name: a, plugins: [{pluginRef: queue-scorer, weight: 1}]}
                """)).containsExactly(
                "schedulingProfiles[1].name: duplicate profile name 'a', also used by schedulingProfiles[0] (expected:"
                        + " unique names)");
    }

    @Test
    void twoProfileHandlersAreRefused() {
        assertThat(problems("""
                plugins: [{type: single-profile-handler, name: a}, {type: single-profile-handler, name: b}]
                """)).contains("plugins: more than one profile handler: plugin 'a' (type single-profile-handler),"
                + " plugin 'b' (type single-profile-handler) (expected: exactly one)");
    }

    @Test
    void consumedDataMustBeProduced() {
        assertThat(problems("""
                plugins:
                - {type: test-data, name: tokens-user, parameters: {consumes: [tokens]}}
                """)).containsExactly("plugins: plugin 'tokens-user' (type test-data) consumes 'tokens', which no"
                + " configured plugin produces (expected: add a plugin that produces it)");
    }

    @Test
    void dataDependencyCyclesAreRefused() {
        assertThat(problems("""
                plugins:
                - {type: test-data, name: a, parameters: {produces: [x], consumes: [y]}}
                - {type: test-data, name: b, parameters: {produces: [y], consumes: [x]}}
                """)).containsExactly("plugins: data dependency cycle: a -> b -> a (expected: no plugin may depend,"
                + " directly or not, on data it produces itself)");
    }

    @Test
    void prepareDataRunsProducersFirst() {
        CompiledConfig config = compile("""
                plugins:
                - {type: test-data, name: consumer, parameters: {consumes: [tokens, hashes]}}
                - {type: test-data, name: hasher, parameters: {produces: [hashes], consumes: [tokens]}}
                - {type: test-data, name: tokenizer, parameters: {produces: [tokens]}}
                """);
        assertThat(config.requestControl().prepareData()).extracting(PrepareData::name)
                .containsExactly("tokenizer", "hasher", "consumer");
    }

    @Test
    void referencesOutsideProfilesAreChecked() {
        assertThat(problems("""
                plugins: [{type: queue-scorer}]
                saturationDetector: {pluginRef: no-such-detector}
                dataLayer:
                  sources:
                  - pluginRef: queue-scorer
                flowControl:
                  priorityBands:
                  - {priority: 1, fairnessPolicyRef: rr}
                  - {priority: 1}
                """)).containsExactly(
                "saturationDetector.pluginRef: 'no-such-detector' names no plugin (defined: queue-scorer,"
                        + " single-profile-handler, max-score-picker)",
                "dataLayer.sources[0].pluginRef: plugin 'queue-scorer' (type queue-scorer) is not a data source"
                        + " (expected: a data-source plugin such as metrics-data-source)",
                "flowControl.priorityBands[1].priority: duplicate priority 1 (expected: one band per priority)",
                "flowControl.priorityBands[0].fairnessPolicyRef: 'rr' names no plugin (defined: queue-scorer,"
                        + " single-profile-handler, max-score-picker)");
    }

    @Test
    void flowControlWithoutItsGateIsANote() {
        CompiledConfig config = compile("flowControl: {maxBytes: 1Gi}\n");
        assertThat(config.notes()).anyMatch(n -> n.contains("flowControl section is ignored"));
    }

    @Test
    void saturationDetectorsAreResolved() {
        CompiledConfig inline = compile("saturationDetector: {queueDepthThreshold: 7}\n");
        assertThat(inline.detector().type()).isEqualTo("utilization-detector");
        assertThat(inline.plugins()).filteredOn(p -> p.type().equals("utilization-detector")).singleElement()
                .satisfies(p -> assertThat(p.parameters()).containsEntry("queueDepthThreshold", 7));
        CompiledConfig byType = compile("saturationDetector: {pluginRef: concurrency-detector}\n");
        assertThat(byType.detector().type()).isEqualTo("concurrency-detector");
        assertThat(problems("""
                plugins: [{type: queue-scorer}]
                saturationDetector: {pluginRef: queue-scorer}
                """)).containsExactly("saturationDetector.pluginRef: plugin 'queue-scorer' (type queue-scorer) is not a"
                + " saturation detector (expected: a plugin such as utilization-detector or concurrency-detector)");
    }

    @Test
    void flowControlSettingsHaveGiesDefaults() {
        CompiledConfig off = compile("plugins: [{type: queue-scorer}]\n");
        assertThat(off.flowControlSettings()).isNull();
        CompiledConfig on = compile("""
                featureGates: [flowControl]
                plugins: [{type: round-robin-fairness-policy, name: rr}, {type: edf-ordering-policy}]
                flowControl:
                  maxBytes: 64Mi
                  defaultRequestTTL: 30s
                  priorityBands:
                  - {priority: 10, fairnessPolicyRef: rr, orderingPolicyRef: edf-ordering-policy, maxRequests: 100}
                """);
        var fc = on.flowControlSettings();
        assertThat(fc.maxBytes()).isEqualTo(64L << 20);
        assertThat(fc.defaultTtl()).hasSeconds(30);
        assertThat(fc.band(10).fairness().name()).isEqualTo("rr");
        assertThat(fc.band(10).ordering().type()).isEqualTo("edf-ordering-policy");
        assertThat(fc.band(10).maxRequests()).isEqualTo(100);
        assertThat(fc.band(0).fairness().type()).isEqualTo("global-strict-fairness-policy");
        assertThat(fc.band(0).ordering().type()).isEqualTo("fcfs-ordering-policy");
        assertThat(fc.band(0).maxBytes()).isEqualTo(1_000_000_000L);
        assertThat(problems("""
                featureGates: [flowControl]
                plugins: [{type: queue-scorer}]
                flowControl:
                  priorityBands: [{priority: 1, fairnessPolicyRef: queue-scorer}]
                """)).containsExactly("flowControl.priorityBands[0].fairnessPolicyRef: plugin 'queue-scorer' (type"
                + " queue-scorer) is not a fairness policy (expected: a fairness policy such as round-robin-fairness-policy)");
    }

    @Test
    void objectivesNamePriorities() {
        CompiledConfig config = compile("objectives: [{name: chat, priority: 10}, {name: batch, priority: -1}]\n");
        assertThat(config.objectivePriorities()).containsEntry("chat", 10).containsEntry("batch", -1);
        assertThat(problems("objectives: [{name: a}, {name: a, priority: 2}]\n")).containsExactly(
                "objectives[1].name: 'a' is already defined at objectives[0] (expected: unique objective names)");
    }
}
