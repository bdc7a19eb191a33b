package dev.sextant.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import dev.sextant.plugins.BuiltinPlugins;
import dev.sextant.plugins.SimplePluginFactory;
import dev.sextant.plugins.scorer.QueueScorer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    @Test
    void findsBuiltinsByTypeAndAlias() {
        PluginRegistry registry = PluginRegistry.builtins();
        assertThat(registry.find("queue-scorer")).containsSame(QueueScorer.FACTORY);
        assertThat(registry.find("kv-cache-scorer")).isPresent();
        assertThat(registry.factories()).hasSameSizeAs(BuiltinPlugins.factories());
    }

    @Test
    void findsOutOfTreePluginsThroughTheServiceLoader() {
        assertThat(PluginRegistry.withBuiltinsAndServiceLoader().find("test-data")).isPresent();
    }

    @Test
    void refusesADuplicateTypeOrAlias() {
        PluginRegistry registry = PluginRegistry.builtins();
        assertThatThrownBy(() -> registry.register(SimplePluginFactory.of("queue-scorer", "again", (n, p, c) -> null)))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("plugin type 'queue-scorer' is registered twice");
        assertThatThrownBy(() -> registry.register(
                        new SimplePluginFactory("fresh", Set.of("kv-cache-scorer"), "alias clash", (n, p, c) -> null)))
                .hasMessageContaining("'kv-cache-scorer' is registered twice");
        assertThat(registry.find("fresh")).as("a refused factory is not half-registered").isEmpty();
    }
}
