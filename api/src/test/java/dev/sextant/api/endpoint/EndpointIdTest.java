package dev.sextant.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointIdTest {

    @Test
    void parsesIpv4AndHostNames() {
        assertThat(EndpointId.parse("10.0.0.7:8000")).isEqualTo(new EndpointId("10.0.0.7", 8000));
        assertThat(EndpointId.parse(" vllm-0:8001 ")).isEqualTo(new EndpointId("vllm-0", 8001));
    }

    @Test
    void parsesAndPrintsIpv6InBrackets() {
        EndpointId id = EndpointId.parse("[fd00::7]:8000");
        assertThat(id.host()).isEqualTo("fd00::7");
        assertThat(id).hasToString("[fd00::7]:8000");
    }

    @Test
    void samIpDifferentPortsAreDifferentEndpoints() {
        assertThat(EndpointId.parse("10.0.0.7:8000")).isNotEqualTo(EndpointId.parse("10.0.0.7:8200"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.7", "10.0.0.7:", ":8000", "10.0.0.7:0", "10.0.0.7:70000", "fd00::7:8000",
        "[fd00::7]8000", "host:port", "a:b:c"})
    void refusesMalformedAddressesNamingThem(String text) {
        assertThatThrownBy(() -> EndpointId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: ip:port");
    }
}
