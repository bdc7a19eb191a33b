package dev.sextant.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.plugin.DataKey;
import org.junit.jupiter.api.Test;

class CycleStateTest {
    private static final DataKey<String> KEY = DataKey.of("k", String.class);

    @Test
    void storesTypedValuesUntilCleared() {
        CycleState state = new CycleState();
        assertThat(state.get(KEY)).isNull();
        assertThat(state.getOrDefault(KEY, "d")).isEqualTo("d");
        state.put(KEY, "v");
        assertThat(state.get(KEY)).isEqualTo("v");
        assertThat(state.contains(KEY)).isTrue();
        state.clear();
        assertThat(state.contains(KEY)).isFalse();
    }

    @Test
    void keysWithTheSameNameAreTheSameKey() {
        CycleState state = new CycleState();
        state.put(KEY, "v");
        assertThat(state.get(DataKey.of("k", String.class))).isEqualTo("v");
    }
}
