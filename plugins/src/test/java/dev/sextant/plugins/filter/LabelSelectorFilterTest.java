package dev.sextant.plugins.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorFilterTest {
    private final List<EndpointSnapshot> endpoints = List.of(
            TestCandidates.labelled(0, Map.of("llm-d.ai/role", "decode", "gpu", "h100")),
            TestCandidates.labelled(1, Map.of("llm-d.ai/role", "prefill", "gpu", "h100")),
            TestCandidates.labelled(2, Map.of("gpu", "a100")));

    private List<EndpointSnapshot> keep(Map<String, Object> parameters) {
        PluginParameters params = PluginParameters.of(parameters);
        var filter = (LabelSelectorFilter) LabelSelectorFilter.FACTORY.create("f", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).isEmpty();
        TestCandidates candidates = new TestCandidates(endpoints);
        filter.filter(new CycleState(), InferenceRequest.builder("r").build(), candidates);
        return candidates.kept();
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        assertThat(keep(Map.of("matchLabels", Map.of("gpu", "h100", "llm-d.ai/role", "decode"))))
                .containsExactly(endpoints.get(0));
    }

    @Test
    void matchExpressionsFollowKubernetesSemantics() {
        assertThat(keep(Map.of("matchExpressions", List.of(
                Map.of("key", "llm-d.ai/role", "operator", "NotIn", "values", List.of("prefill"))))))
                .as("NotIn keeps endpoints without the label")
                .containsExactly(endpoints.get(0), endpoints.get(2));
        assertThat(keep(Map.of("matchExpressions", List.of(
                Map.of("key", "llm-d.ai/role", "operator", "In", "values", List.of("prefill", "decode"))))))
                .containsExactly(endpoints.get(0), endpoints.get(1));
        assertThat(keep(Map.of("matchExpressions", List.of(Map.of("key", "llm-d.ai/role", "operator", "Exists")))))
                .containsExactly(endpoints.get(0), endpoints.get(1));
        assertThat(keep(Map.of("matchExpressions", List.of(
                Map.of("key", "llm-d.ai/role", "operator", "DoesNotExist")))))
                .containsExactly(endpoints.get(2));
    }

    @Test
    void emptySelectorKeepsEverything() {
        assertThat(keep(Map.of())).containsExactlyElementsOf(endpoints);
    }

    @Test
    void invalidExpressionsAreProblemsWithTheirPath() {
        PluginParameters params = PluginParameters.of(Map.of("matchExpressions", List.of(
                Map.of("key", "role", "operator", "Inn", "values", List.of("a")),
                Map.of("key", "role", "operator", "In"),
                Map.of("key", "role", "operator", "Exists", "values", List.of("x")))));
        LabelSelectorFilter.FACTORY.create("f", params, TestPluginContext.seeded(1));
        assertThat(params.problems()).containsExactly(
                "matchExpressions[0].operator: \"Inn\" (expected: one of [In, NotIn, Exists, DoesNotExist])",
                "matchExpressions[1].values: [] (expected: at least one value for In)",
                "matchExpressions[2].values: [x] (expected: no values for Exists)");
    }
}
