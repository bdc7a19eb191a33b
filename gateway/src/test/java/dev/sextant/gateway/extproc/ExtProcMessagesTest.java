package dev.sextant.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.request.ErrorCode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExtProcMessagesTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "61999, 1", "62000, 1", "62001, 2", "124000, 2", "124001, 3"})
    void bodiesAreSplitAt62000BytesWithEndOfStreamOnTheLastChunk(int size, int chunks) {
        List<ProcessingResponse> out = ExtProcMessages.requestBody(new byte[size], true);
        assertThat(out).hasSize(chunks);
        int total = 0;
        for (int i = 0; i < out.size(); i++) {
            var streamed = out.get(i).getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            total += streamed.getBody().size();
            assertThat(streamed.getEndOfStream()).isEqualTo(i == out.size() - 1);
        }
        assertThat(total).isEqualTo(size);
        assertThat(ExtProcMessages.requestBody(new byte[size], false))
                .noneMatch(r -> r.getRequestBody().getResponse().getBodyMutation().getStreamedResponse().getEndOfStream());
    }

    @Test
    void chunksCarryTheBodysBytesInOrder() {
        byte[] body = new byte[130_001];
        new java.util.Random(5).nextBytes(body);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (ProcessingResponse r : ExtProcMessages.requestBody(body, true)) {
            joined.writeBytes(r.getRequestBody().getResponse().getBodyMutation().getStreamedResponse().getBody()
                    .toByteArray());
        }
        assertThat(joined.toByteArray()).isEqualTo(body);
    }

    @Test
    void immediateResponsesUseTheProtocolsBodyFormat() {
        ProcessingResponse r = ExtProcMessages.immediate(ErrorCode.RESOURCE_EXHAUSTED, "all endpoints saturated");
        assertThat(r.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(429);
        assertThat(r.getImmediateResponse().getBody().toStringUtf8())
                .isEqualTo("inference gateway: ResourceExhausted - all endpoints saturated");
    }

    @Test
    void headersResponseOverwritesAndRemovesRoutingHeaders() {
        ProcessingResponse r = ExtProcMessages.requestHeaders("10.0.0.1:8000,10.0.0.2:8000",
                Map.of("x-prefiller-host-port", "10.0.0.3:8000"), Set.of("x-secret"), 42);
        var mutation = r.getRequestHeaders().getResponse().getHeaderMutation();
        assertThat(mutation.getSetHeadersList()).extracting(h -> h.getHeader().getKey())
                .contains("x-gateway-destination-endpoint", "content-length", "x-prefiller-host-port");
        assertThat(mutation.getRemoveHeadersList()).contains("x-secret", "x-gateway-destination-endpoint-subset")
                .doesNotContain("x-prefiller-host-port", "x-gateway-destination-endpoint");
    }

    @Test
    void responseHeaderChangesFromPluginsBecomeAHeaderMutation() {
        var changes = new dev.sextant.core.requestcontrol.HeaderChanges();
        assertThat(ExtProcMessages.responseHeaders(changes).getResponseHeaders().getResponse().hasHeaderMutation())
                .as("nothing changed, nothing sent").isFalse();
        changes.set("X-Session-Token", "MTAuMC4wLjE6ODAwMA==");
        changes.remove("x-internal");
        var mutation = ExtProcMessages.responseHeaders(changes).getResponseHeaders().getResponse().getHeaderMutation();
        assertThat(mutation.getSetHeadersList()).extracting(h -> h.getHeader().getKey() + "="
                + h.getHeader().getRawValue().toStringUtf8()).containsExactly("x-session-token=MTAuMC4wLjE6ODAwMA==");
        assertThat(mutation.getRemoveHeadersList()).containsExactly("x-internal");
    }
}
