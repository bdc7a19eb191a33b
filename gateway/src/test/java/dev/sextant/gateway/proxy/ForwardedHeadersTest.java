package dev.sextant.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.core.requestcontrol.HeaderChanges;
import dev.sextant.core.requestcontrol.InferenceHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
    @Test
    void upstreamDropsHopByHopRoutingAndConnectionListedHeadersAndAppliesThePluginsChanges() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("Host", "gateway").add("Connection", "keep-alive, X-Private").add("X-Private", "1")
                .add("Upgrade", "h2c").add("Content-Length", "12").add("Transfer-Encoding", "chunked")
                .add(InferenceHeaders.ROUTING.iterator().next(), "10.0.0.1:8000")
                .add("Authorization", "Bearer k").add("X-Replaced", "old").add("X-Removed", "gone")
                .add("X-Request-Id", "from-client");

        HttpHeaders up = ForwardedHeaders.upstream(client, "req-1", Map.of("x-replaced", "new"), Set.of("x-removed"));

        assertThat(ForwardedHeaders.asMap(up)).containsOnly(
                Map.entry("authorization", "Bearer k"),
                Map.entry("x-replaced", "new"),
                Map.entry(InferenceHeaders.REQUEST_ID, "req-1"));
    }

    @Test
    void downstreamDropsHopByHopHeadersAppliesResponseChangesAndNamesTheEndpoint() {
        HttpHeaders upstream = new DefaultHttpHeaders()
                .add("Content-Type", "application/json").add("Content-Length", "10").add("Connection", "close")
                .add("Keep-Alive", "timeout=5").add("X-Engine", "vllm").add("X-Secret", "s");
        HeaderChanges changes = new HeaderChanges();
        changes.set("x-routed", "yes");
        changes.remove("x-secret");

        HttpHeaders down = ForwardedHeaders.downstream(upstream, "x-sextant-endpoint", "10.0.0.2:8000", changes);

        assertThat(ForwardedHeaders.asMap(down)).containsOnly(
                Map.entry("content-type", "application/json"),
                Map.entry("x-engine", "vllm"),
                Map.entry("x-routed", "yes"),
                Map.entry("x-sextant-endpoint", "10.0.0.2:8000"));
    }
}
