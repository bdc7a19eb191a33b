package dev.sextant.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginParametersTest {

    @Test
    void absentKeysGiveDefaultsAndAreResolved() {
        PluginParameters p = PluginParameters.empty();
        assertThat(p.integer("threshold", 128)).isEqualTo(128);
        assertThat(p.number("weight", 0.5)).isEqualTo(0.5);
        assertThat(p.flag("enabled", true)).isTrue();
        assertThat(p.string("mode", "fast")).isEqualTo("fast");
        assertThat(p.duration("ttl", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.problems()).isEmpty();
        assertThat(p.resolved()).containsEntry("threshold", 128).containsEntry("mode", "fast");
        assertThat(p.knownKeys()).containsExactly("threshold", "weight", "enabled", "mode", "ttl");
    }

    @Test
    void typedValuesAreRead() {
        PluginParameters p = PluginParameters.of(Map.of("n", 7, "x", 2.5, "b", false, "s", "hi", "d", "1m30s",
                "whole", 2.0, "l", List.of("a", "b")));
        assertThat(p.integer("n", 0)).isEqualTo(7);
        assertThat(p.number("x", 0)).isEqualTo(2.5);
        assertThat(p.number("n", 0)).isEqualTo(7.0);
        assertThat(p.flag("b", true)).isFalse();
        assertThat(p.string("s", "")).isEqualTo("hi");
        assertThat(p.duration("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.integer("whole", 0)).as("integral floats are integers").isEqualTo(2);
        assertThat(p.strings("l")).containsExactly("a", "b");
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void wrongTypesAreProblemsAndFallBackToDefaults() {
        PluginParameters p = PluginParameters.of(Map.of("n", "seven", "x", "fast", "b", "yes", "d", 5, "f", 2.5));
        assertThat(p.integer("n", 1)).isEqualTo(1);
        assertThat(p.number("x", 1.0)).isEqualTo(1.0);
        assertThat(p.flag("b", false)).isFalse();
        assertThat(p.duration("d", Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(p.integer("f", 3)).isEqualTo(3);
        assertThat(p.problems()).containsExactly(
                "n: \"seven\" (expected: an integer)",
                "x: \"fast\" (expected: a number)",
                "b: \"yes\" (expected: true or false)",
                "d: 5 (expected: a duration such as 200ms, 5s or 1m30s)",
                "f: 2.5 (expected: an integer)");
    }

    @Test
    void checkRecordsRangeProblemsInArmeriaStyle() {
        PluginParameters p = PluginParameters.of(Map.of("blockSizeTokens", -1));
        int block = p.integer("blockSizeTokens", 16);
        assertThat(p.check(block > 0, "blockSizeTokens", block, "> 0")).isFalse();
        assertThat(p.problems()).containsExactly("blockSizeTokens: -1 (expected: > 0)");
    }

    @Test
    void unreadKeysAreUnknownIncludingNestedOnes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("key", "role");
        nested.put("operatr", "In");
        PluginParameters p = PluginParameters.of(Map.of("known", 1, "typo", 2,
                "matchExpressions", List.of(nested)));
        p.integer("known", 0);
        for (PluginParameters e : p.objects("matchExpressions")) {
            e.string("key", "");
            e.string("operator", "");
        }
        assertThat(p.unknownKeys()).containsExactlyInAnyOrder("typo", "matchExpressions[0].operatr");
    }

    @Test
    void nestedProblemsCarryTheirPath() {
        PluginParameters p = PluginParameters.of(Map.of("matchExpressions", List.of(Map.of("key", 3))));
        p.objects("matchExpressions").forEach(e -> e.string("key", ""));
        assertThat(p.problems()).containsExactly("matchExpressions[0].key: 3 (expected: a string)");
    }

    @Test
    void hugeIntegersAreRefusedForInt() {
        PluginParameters p = PluginParameters.of(Map.of("n", 5_000_000_000L));
        assertThat(p.integer("n", 1)).isEqualTo(1);
        assertThat(p.longValue("n", 1)).isEqualTo(5_000_000_000L);
        assertThat(p.problems()).hasSize(1);
    }

    @Test
    void stringMapAcceptsOnlyStringValues() {
        PluginParameters p = PluginParameters.of(Map.of("matchLabels", Map.of("app", "vllm", "replicas", 3)));
        assertThat(p.stringMap("matchLabels")).containsEntry("app", "vllm").doesNotContainKey("replicas");
        assertThat(p.problems()).containsExactly("matchLabels.replicas: 3 (expected: a string)");
    }
}
