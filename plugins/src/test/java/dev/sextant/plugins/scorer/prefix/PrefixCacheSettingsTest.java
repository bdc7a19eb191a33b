package dev.sextant.plugins.scorer.prefix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.plugins.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrefixCacheSettingsTest {

    @Test
    void defaultsAreGies() {
        PluginParameters params = PluginParameters.empty();
        PrefixCacheScorer scorer = (PrefixCacheScorer) PrefixCacheScorer.FACTORY.create("p", params,
                TestPluginContext.seeded(1));
        assertThat(params.problems()).isEmpty();
        assertThat(scorer.settings()).isEqualTo(PrefixCacheSettings.DEFAULTS);
        assertThat(params.resolved()).containsEntry("blockSizeTokens", 16).containsEntry("maxPrefixBlocksToMatch", 256)
                .containsEntry("lruCapacityPerServer", 31_250).containsEntry("autoTune", true);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("blockSizeTokens", -1), "blockSizeTokens: -1 (expected: 1..65536)"),
                Arguments.of(Map.of("blockSizeTokens", 0), "blockSizeTokens: 0 (expected: 1..65536)"),
                Arguments.of(Map.of("blockSizeTokens", "16"), "blockSizeTokens: \"16\" (expected: an integer)"),
                Arguments.of(Map.of("maxPrefixBlocksToMatch", 0), "maxPrefixBlocksToMatch: 0 (expected: 1..65536)"),
                Arguments.of(Map.of("maxPrefixTokensToMatch", -5), "maxPrefixTokensToMatch: -5 (expected: >= 0"),
                Arguments.of(Map.of("lruCapacityPerServer", 0), "lruCapacityPerServer: 0 (expected: 1..1048576)"),
                Arguments.of(Map.of("lruCapacityPerServer", 1 << 21), "lruCapacityPerServer: 2097152"),
                Arguments.of(Map.of("autoTune", "yes"), "autoTune: \"yes\" (expected: true or false)"),
                Arguments.of(Map.of("idleEndpointTimeout", "0s"), "idleEndpointTimeout: PT0S (expected: > 0)"),
                Arguments.of(Map.of("blockSize", 64), "blockSize: 64 (expected: blockSizeTokens instead"),
                Arguments.of(Map.of("blockSize", 64), "is about blockSizeTokens: 16"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidParametersAreReportedByName(Map<String, Object> params, String expected) {
        List<String> problems = PrefixFixtures.problems(PrefixCacheScorer.FACTORY, params);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void theLegacyBlockSizeIsIgnoredWhenBlockSizeTokensIsGiven() {
        PrefixCacheScorer scorer = PrefixFixtures.create(PrefixCacheScorer.FACTORY, PrefixCacheScorer.class,
                TestPluginContext.seeded(1), Map.of("blockSize", 256, "blockSizeTokens", 32));
        assertThat(scorer.settings().blockSizeTokens()).isEqualTo(32);
    }

    @Test
    void unknownParametersAreLeftForTheEngineToReport() {
        PluginParameters params = PluginParameters.of(Map.of("blockSizeToken", 16));
        PrefixCacheScorer.FACTORY.create("p", params, TestPluginContext.seeded(1));
        assertThat(params.unknownKeys()).containsExactly("blockSizeToken");
    }
}
