package dev.sextant.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.SessionProtocol;
import dev.sextant.simulator.server.ReplicaOptions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests reach model servers over HTTP/1.1, as documented, even when the server would accept h2c
 * (the gateway used to negotiate HTTP/2 with every Armeria-based server, the simulator included).
 */
class UpstreamProtocolTest {
    private final StubModelServer stub = new StubModelServer();
    private LoopbackCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        stub.close();
    }

    @Test
    void forwardsOverHttp1EvenToServersThatSpeakH2c() {
        cluster = LoopbackCluster.start(1, ReplicaOptions.builder().instant(true).build(),
                LoopbackCluster.CONFIG_WITH_FALLBACKS, List.of(stub.id()), UnaryOperator.identity());
        for (int i = 0; i < 60 && stub.receivedOver.size() < 3; i++) {
            var r = cluster.complete(2);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(stub.receivedOver).hasSizeGreaterThanOrEqualTo(3).containsOnly(SessionProtocol.H1C);
    }
}
