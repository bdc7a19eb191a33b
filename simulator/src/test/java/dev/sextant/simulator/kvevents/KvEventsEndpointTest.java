package dev.sextant.simulator.kvevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KvEventsEndpointTest {

    @ParameterizedTest
    @CsvSource({
        "bind:tcp://*:5556, true, tcp://*:5556, tcp://*:5558",
        "bind:tcp://127.0.0.1:*, true, tcp://127.0.0.1:*, tcp://127.0.0.1:*",
        "connect:tcp://router:5557, false, tcp://router:5557, tcp://router:5557",
    })
    void parsesAndOffsetsBoundPortsPerReplica(String spec, boolean bind, String address, String third) {
        KvEventsEndpoint e = KvEventsEndpoint.parse(spec);
        assertThat(e.bind()).isEqualTo(bind);
        assertThat(e.address()).isEqualTo(address);
        assertThat(e.forReplica(2).address()).isEqualTo(third);
        assertThat(e.toString()).isEqualTo(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://*:5556", "listen:tcp://*:1", "bind:udp://*:1", "bind:tcp://*:99999",
        "connect:tcp://*:*", "bind:tcp://host"})
    void refusesWhatIsNotAnEndpoint(String spec) {
        assertThatThrownBy(() -> KvEventsEndpoint.parse(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected:");
    }
}
