package dev.sextant.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileResultsTest {
    private final ProfileResult.Picked decode =
            new ProfileResult.Picked("decode", List.of(EndpointSnapshot.of(Endpoint.of("10.0.0.1:8000"))));
    private final ProfileResult.Failed prefill =
            new ProfileResult.Failed("prefill", ProfileResult.Reason.ALL_FILTERED, "no prefill endpoint");

    @Test
    void keepsRunOrderAndIsImmutable() {
        ProfileResults one = ProfileResults.EMPTY.with(decode);
        ProfileResults two = one.with(prefill);
        assertThat(one).containsOnlyKeys("decode");
        assertThat(two.keySet()).containsExactly("decode", "prefill");
        assertThat(two.result(1)).isSameAs(prefill);
        assertThat(two.picked("decode")).isSameAs(decode);
        assertThat(two.picked("prefill")).isNull();
        assertThatThrownBy(() -> two.put("x", decode)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalsAnyMapWithTheSameEntries() {
        Map<String, ProfileResult> map = new LinkedHashMap<>();
        map.put("decode", decode);
        assertThat(ProfileResults.EMPTY.with(decode)).isEqualTo(map);
        assertThat(ProfileResults.copyOf(map)).isEqualTo(map);
    }

    @Test
    void copyOfRefusesMismatchedNames() {
        assertThatThrownBy(() -> ProfileResults.copyOf(Map.of("prefill", decode)))
                .hasMessageContaining("is for profile 'decode'");
    }

    @Test
    void scheduledNeedsAPrimaryThatPicked() {
        ProfileResults results = ProfileResults.EMPTY.with(decode).with(prefill);
        assertThat(new SchedulingResult.Scheduled("decode", results).targets()).isEqualTo(decode.targets());
        assertThatThrownBy(() -> new SchedulingResult.Scheduled("prefill", results))
                .hasMessageContaining("expected: a profile that picked endpoints");
    }
}
