package dev.sextant.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static final String HEADER = "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\n";

    static List<String> problems(String yaml) {
        try {
            ConfigParser.parse(yaml, "test.yaml");
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    @Test
    void readsTheReferenceDocument() {
        EndpointPickerConfig config = ConfigParser.parse(HEADER + """
                featureGates: [flowControl]
                plugins:
                - type: queue-scorer
                - type: kv-cache-utilization-scorer
                - type: prefix-cache-scorer
                  parameters: {blockSizeTokens: 16, maxPrefixBlocksToMatch: 256, lruCapacityPerServer: 31250}
                schedulingProfiles:
                - name: default
                  plugins:
                  - {pluginRef: queue-scorer, weight: 2}
                  - {pluginRef: kv-cache-utilization-scorer, weight: 2}
                  - {pluginRef: prefix-cache-scorer, weight: 3}
                saturationDetector: {queueDepthThreshold: 5, kvCacheUtilThreshold: 0.8, metricsStalenessThreshold: 200ms}
                """, "ref.yaml");
        assertThat(config.featureGates()).containsExactly("flowControl");
        assertThat(config.plugins()).extracting(EndpointPickerConfig.PluginSpec::name)
                .containsExactly("queue-scorer", "kv-cache-utilization-scorer", "prefix-cache-scorer");
        assertThat(config.plugins().get(2).parameters()).containsEntry("blockSizeTokens", 16);
        assertThat(config.schedulingProfiles().getFirst().plugins())
                .extracting(EndpointPickerConfig.PluginRef::weight).containsExactly(2.0, 2.0, 3.0);
        assertThat(config.saturationDetector().metricsStalenessThreshold()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void acceptsOurApiVersionAndThePreV15DataKey() {
        EndpointPickerConfig config = ConfigParser.parse("""
                apiVersion: config.sextant.dev/v1alpha1
                kind: EndpointPickerConfig
                data:
                  sources:
                  - pluginRef: metrics
                    extractors: [{pluginRef: vllm}]
                """, "x.yaml");
        assertThat(config.dataLayer().sources().getFirst().extractors()).containsExactly("vllm");
    }

    @Test
    void emptyDocumentIsTheDefault() {
        assertThat(ConfigParser.parse("# nothing here\n", "empty.yaml").source()).isEqualTo(DefaultConfig.SOURCE);
    }

    @Test
    void unknownKeysNameTheirPathAndSuggest() {
        assertThat(problems(HEADER + """
                plugin:
                - type: queue-scorer
                schedulingProfiles:
                - name: default
                  plugins:
                  - {pluginRef: queue-scorer, wieght: 2}
                """)).containsExactly(
                "plugin: unknown key (did you mean 'plugins'?) (expected one of: apiVersion, data, dataLayer,"
                        + " featureGates, flowControl, kind, modelRewrites, objectives, plugins, saturationDetector,"
                        + " schedulingProfiles)",
                "schedulingProfiles[0].plugins[0].wieght: unknown key (did you mean 'weight'?) (expected one of:"
                        + " pluginRef, weight)");
    }

    @Test
    void wrongTypesAndMissingFieldsAreReportedTogether() {
        assertThat(problems("""
                apiVersion: v2
                kind: Pod
                featureGates: [flowcontrol]
                plugins:
                - name: no-type
                - type: 7
                - just-a-string
                schedulingProfiles:
                - plugins:
                  - {weight: "heavy"}
                saturationDetector: {queueDepthThreshold: 0, kvCacheUtilThreshold: 2, metricsStalenessThreshold: 5}
                """)).containsExactly(
                "apiVersion: \"v2\" (expected: inference.networking.x-k8s.io/v1alpha1, llm-d.ai/v1alpha1 or config.sextant.dev/v1alpha1)",
                "kind: \"Pod\" (expected: EndpointPickerConfig)",
                "featureGates[0]: unknown feature gate \"flowcontrol\" (did you mean 'flowControl'?) (expected one of:"
                        + " dataLayer, enableLegacyMetrics, flowControl)",
                "plugins[0].type: missing (expected: a string)",
                "plugins[1].type: 7 (expected: a string)",
                "plugins[2]: \"just-a-string\" (expected: a map)",
                "schedulingProfiles[0].name: missing (expected: a string)",
                "schedulingProfiles[0].plugins[0].pluginRef: missing (expected: a string)",
                "schedulingProfiles[0].plugins[0].weight: \"heavy\" (expected: a number)",
                "saturationDetector.metricsStalenessThreshold: 5 (expected: a duration such as 200ms, 5s or 1m30s)",
                "saturationDetector.queueDepthThreshold: 0 (expected: > 0)",
                "saturationDetector.kvCacheUtilThreshold: 2.0 (expected: > 0 and <= 1)");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThat(problems(HEADER + "plugins:\n  - type: [unclosed\n")).singleElement().asString()
                .startsWith("line ").contains("not valid YAML");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problems(HEADER + "plugins: []\nplugins: []\n")).singleElement().asString()
                .contains("Duplicate field 'plugins'");
    }

    @Test
    void aDocumentThatIsNotAMapIsRefused() {
        assertThat(problems("- a\n- b\n")).containsExactly("a list (expected: a map)");
    }

    @Test
    void flowControlQuantitiesAndDurationsAreParsed() {
        EndpointPickerConfig config = ConfigParser.parse(HEADER + """
                flowControl:
                  maxBytes: 1Gi
                  maxRequests: 2k
                  defaultRequestTTL: 30s
                  priorityBands:
                  - {priority: 1, maxBytes: 64Mi}
                """, "fc.yaml");
        assertThat(config.flowControl().maxBytes()).isEqualTo(1L << 30);
        assertThat(config.flowControl().maxRequests()).isEqualTo(2000L);
        assertThat(config.flowControl().defaultRequestTTL()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.flowControl().priorityBands().getFirst().maxBytes()).isEqualTo(64L << 20);
        assertThat(problems(HEADER + "flowControl: {maxBytes: lots, priorityBands: [{maxBytes: 1}]}\n"))
                .containsExactly("flowControl.priorityBands[0].priority: missing (expected: an integer)",
                        "flowControl.maxBytes: \"lots\" (expected: a quantity such as 1000, 64Mi or 1Gi)");
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> ConfigParser.parse(java.nio.file.Path.of("does/not/exist.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
    }

    @Test
    void modelRewriteRulesAreCheckedStrictly() {
        EndpointPickerConfig config = ConfigParser.parse(HEADER + """
                modelRewrites:
                - model: food-review
                  targets: [{model: food-review-v1, weight: 90}, {model: food-review-lora}]
                """, "rw.yaml");
        assertThat(config.modelRewrites().getFirst().targets())
                .containsExactly(new EndpointPickerConfig.RewriteTarget("food-review-v1", 90),
                        new EndpointPickerConfig.RewriteTarget("food-review-lora", 1));
        assertThat(problems(HEADER + """
                modelRewrites:
                - model: a
                  targets: [{model: b, weight: 0}]
                - model: a
                  targets: []
                - targets: [{model: c, weight: -1, share: 2}]
                """)).containsExactly(
                "modelRewrites[0].targets: weights sum to 0 (expected: at least one positive weight)",
                "modelRewrites[1].model: 'a' already has a rule at modelRewrites[0] (expected: one rule per model)",
                "modelRewrites[1].targets: missing or empty (expected: at least one target model)",
                "modelRewrites[2].model: missing (expected: a string)",
                "modelRewrites[2].targets[0].share: unknown key (expected one of: model, weight)",
                "modelRewrites[2].targets[0].weight: -1.0 (expected: >= 0)",
                "modelRewrites[2].targets: weights sum to 0 (expected: at least one positive weight)");
    }
}
