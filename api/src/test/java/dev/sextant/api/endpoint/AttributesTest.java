package dev.sextant.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.plugin.DataKey;
import org.junit.jupiter.api.Test;

class AttributesTest {
    private static final DataKey<String> NAME = DataKey.of("name", String.class);
    private static final DataKey<Integer> COUNT = DataKey.of("count", Integer.class);

    @Test
    void withReturnsACopyAndReplacesExistingKeys() {
        Attributes a = Attributes.EMPTY.with(NAME, "x");
        Attributes b = a.with(COUNT, 1).with(NAME, "y");
        assertThat(a.get(NAME)).isEqualTo("x");
        assertThat(a.get(COUNT)).isNull();
        assertThat(b.get(NAME)).isEqualTo("y");
        assertThat(b.get(COUNT)).isEqualTo(1);
        assertThat(b.size()).isEqualTo(2);
    }

    @Test
    void refusesValuesOfTheWrongType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        DataKey<Object> raw = (DataKey) COUNT;
        assertThatThrownBy(() -> Attributes.EMPTY.with(raw, "not a number")).isInstanceOf(ClassCastException.class);
    }
}
